package io.github.civis.client;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The reference data about the Civis API that lives beside the project (not in it). Tests that
 * need it skip, with the reason, when it is absent.
 */
public final class SharedReference {

    private SharedReference() {
    }

    /** The reference directory, {@code ../shared/reference} unless {@code civis.shared.dir} says otherwise. */
    public static Path directory() {
        String shared = System.getProperty("civis.shared.dir", "../../shared");
        return Path.of(shared).resolve("reference").toAbsolutePath().normalize();
    }

    /** A reference file, or a skipped test when the reference data is not there. */
    public static Path require(String fileName) {
        Path file = directory().resolve(fileName);
        Assumptions.assumeTrue(Files.isRegularFile(file),
                "Skipped: reference file " + file + " is absent (the project builds and tests without it)");
        return file;
    }
}
