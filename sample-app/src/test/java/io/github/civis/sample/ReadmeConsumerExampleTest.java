package io.github.civis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The getting-started page ({@code docs/getting-started.md}) shows the files of
 * {@code examples/consumer}, a project built against the installed artifacts as a user's would be
 * (by CI). Every file shown there or in the README is the file itself, and the page shows every
 * file of the example, so the code shown compiles and its tests pass.
 */
class ReadmeConsumerExampleTest {

    private static final Path PROJECT = Path.of("..");

    private static final Path EXAMPLE = PROJECT.resolve("examples/consumer");

    /** A block of the README taken from a file: {@code <!-- from path -->} and the fenced block after it. */
    private static final Pattern FROM_FILE = Pattern.compile("<!-- from (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void gettingStartedShowsEveryFileOfTheConsumerExampleAsItIs() throws IOException {
        Map<String, String> shown = blocksFromFiles("docs/getting-started.md");

        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(exampleFiles());
        shown.forEach((file, block) -> assertThat(block).as("getting-started block from %s", file)
            .isEqualTo(read(PROJECT.resolve(file)).stripTrailing()));
    }

    @Test
    void testingShowsEveryFileOfTheSeededTestExampleAsItIs() throws IOException {
        Map<String, String> shown = blocksFromFiles("docs/testing.md");

        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(exampleFiles(PROJECT.resolve("docs/examples/seeded-test")));
        shown.forEach((file, block) -> assertThat(block).as("testing block from %s", file)
            .isEqualTo(read(PROJECT.resolve(file)).stripTrailing()));
    }

    @Test
    void readmeShowsFilesOfTheConsumerExampleAsTheyAre() throws IOException {
        Map<String, String> shown = blocksFromFiles("README.md");

        assertThat(shown).isNotEmpty();
        shown.forEach((file, block) -> assertThat(block).as("README block from %s", file)
            .isEqualTo(read(PROJECT.resolve(file)).stripTrailing()));
    }

    private static Map<String, String> blocksFromFiles(String page) throws IOException {
        Matcher matcher = FROM_FILE.matcher(read(PROJECT.resolve(page)));
        Map<String, String> blocks = new LinkedHashMap<>();
        while (matcher.find()) {
            blocks.put(matcher.group(1), matcher.group(2).stripTrailing());
        }
        return blocks;
    }

    private static List<String> exampleFiles() throws IOException {
        return exampleFiles(EXAMPLE);
    }

    private static List<String> exampleFiles(Path example) throws IOException {
        try (Stream<Path> files = Files.walk(example)) {
            return files.filter(Files::isRegularFile)
                .map(file -> PROJECT.relativize(file).toString().replace('\\', '/'))
                .filter(file -> file.endsWith("pom.xml") || file.contains("/src/"))
                .filter(file -> !file.contains("/target/"))
                .sorted()
                .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + file, ex);
        }
    }
}
