package io.github.civis.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A test that needs the reference data gets the file when it is there, is skipped with the
 * reason when it is not, and fails instead when {@code civis.shared.required=true}.
 */
class SharedReferenceTest {

    private Properties saved;

    @TempDir
    Path shared;

    @BeforeEach
    void saveProperties() {
        saved = (Properties) System.getProperties().clone();
    }

    @AfterEach
    void restoreProperties() {
        System.setProperties(saved);
    }

    @Test
    void presentFileIsGiven() throws IOException {
        Path reference = Files.createDirectories(shared.resolve("reference"));
        Files.writeString(reference.resolve("examples.json"), "[]");
        System.setProperty(SharedReference.DIRECTORY_PROPERTY, shared.toString());
        System.setProperty(SharedReference.REQUIRED_PROPERTY, "true");

        assertThat(SharedReference.require("examples.json")).isEqualTo(reference.resolve("examples.json"));
    }

    @Test
    void absentFileSkipsTheTestByDefault() {
        System.setProperty(SharedReference.DIRECTORY_PROPERTY, shared.toString());
        System.clearProperty(SharedReference.REQUIRED_PROPERTY);

        assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> SharedReference.require("examples.json"))
            .withMessageContaining(shared.resolve("reference").resolve("examples.json").toString())
            .withMessageContaining("is absent");
    }

    @Test
    void absentFileFailsTheTestWhenRequired() {
        System.setProperty(SharedReference.DIRECTORY_PROPERTY, shared.toString());
        System.setProperty(SharedReference.REQUIRED_PROPERTY, "true");

        assertThatExceptionOfType(AssertionFailedError.class).isThrownBy(() -> SharedReference.require("examples.json"))
            .withMessageContaining("is absent, and civis.shared.required=true requires it");
    }

    @Test
    void unsetDirectoryPropertyIsNamedAndFailsWhenRequired() {
        System.clearProperty(SharedReference.DIRECTORY_PROPERTY);
        System.setProperty(SharedReference.REQUIRED_PROPERTY, "false");

        assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> SharedReference.require("examples.json"))
            .withMessageContaining("civis.shared.dir is not set");

        System.setProperty(SharedReference.REQUIRED_PROPERTY, "true");
        assertThatExceptionOfType(AssertionFailedError.class).isThrownBy(() -> SharedReference.require("examples.json"))
            .withMessageContaining("civis.shared.dir is not set");
    }

    @Test
    void theBuildPassesTheResolvedDirectory() {
        // The root POM resolves ../shared once, for every module's tests. civis.shared.required is
        // given on the command line only (CI sets it); a plain ./mvnw verify leaves it unset.
        assertThat(saved.getProperty(SharedReference.DIRECTORY_PROPERTY)).isNotBlank().endsWith("shared");
        assertThat(saved.getProperty(SharedReference.REQUIRED_PROPERTY)).isIn(null, "true", "false");
    }
}
