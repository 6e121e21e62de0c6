package io.github.civis.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The code the README and the pages under {@code docs/} show is the code of the
 * {@code Readme*ExamplesTest} classes, which run it against the simulator: every block marked
 * {@code // README: name} … {@code // README: end} in them must appear, as it is there (less its
 * indentation), within a fenced Java block of the README or of a page.
 */
class DocsShowExamplesTest {

    private static final Path PROJECT = Path.of("..");

    private static final Path EXAMPLES = Path.of("src/test/java/io/github/civis/simulator");

    /** A marked block: {@code // README: name}, the code, {@code // README: end}. */
    private static final Pattern BLOCK = Pattern.compile("\\n( *)// README: ([^\\n]*)\\n(.*?)\\n *// README: end",
            Pattern.DOTALL);

    private static final Pattern JAVA_FENCE = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyMarkedExampleIsShownAsItIs() throws IOException {
        List<String> docs = javaBlocks();
        List<String> shown = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("Readme.*ExamplesTest\\.java"))
                .sorted().toList()) {
                Matcher matcher = BLOCK.matcher(Files.readString(file));
                while (matcher.find()) {
                    String indent = matcher.group(1);
                    String code = matcher.group(3).lines()
                        .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                        .collect(Collectors.joining("\n"));
                    String name = file.getFileName() + " '" + matcher.group(2) + "'";
                    assertThat(docs).as("the docs show the block %s", name)
                        .anySatisfy(block -> assertThat(block).contains(code));
                    shown.add(name);
                }
            }
        }
        // The marked blocks of the front page, the files, runs, SQL and simulator examples at least.
        assertThat(shown).hasSizeGreaterThanOrEqualTo(20);
    }

    /** The fenced Java blocks of the README and of every page under {@code docs/}. */
    private static List<String> javaBlocks() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(PROJECT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
            pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        List<String> blocks = new ArrayList<>();
        for (Path page : pages) {
            Matcher matcher = JAVA_FENCE.matcher(Files.readString(page));
            while (matcher.find()) {
                blocks.add(matcher.group(1));
            }
        }
        return blocks;
    }
}
