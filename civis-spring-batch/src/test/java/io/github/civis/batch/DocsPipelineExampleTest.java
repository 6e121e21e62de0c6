package io.github.civis.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The complete job of {@code docs/pipelines.md} is {@link PeoplePipeline}, compiled with these
 * tests: the page shows the class as it is here, less its package line.
 */
class DocsPipelineExampleTest {

    private static final Pattern FIRST_JAVA_BLOCK = Pattern.compile("## A complete job.*?```java\\n(.*?)\\n```",
            Pattern.DOTALL);

    @Test
    void thePipelinesPageShowsTheCompiledJob() throws IOException {
        Matcher matcher = FIRST_JAVA_BLOCK.matcher(Files.readString(Path.of("../docs/pipelines.md")));
        String source = Files.readString(Path.of("src/test/java/io/github/civis/batch/PeoplePipeline.java"));

        assertThat(matcher.find()).as("a Java block under 'A complete job'").isTrue();
        assertThat(source.replaceFirst("^package [^;]+;\\n\\n", "").stripTrailing()).isEqualTo(matcher.group(1));
    }
}
