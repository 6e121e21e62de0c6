package io.github.civis.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference data about the Civis API that lives beside the project, in
 * {@code ../shared/reference}, not in it: tests that need it skip, with the reason, when it is
 * absent, so that a fresh clone builds and tests without it; with
 * {@code -Dcivis.shared.required=true} (as CI runs) they fail instead, so that a build missing
 * it cannot pass unnoticed.
 *
 * <p>Where {@code ../shared} is, is decided in one place: the root POM sets the system property
 * {@value #DIRECTORY_PROPERTY} for every module's tests from the project's root directory (a
 * clean clone has {@code ../shared} next to it; so has a worktree beside the main checkout).
 * This class only reads that property, and never guesses a path of its own: a test run without
 * it (e.g. from an IDE that does not pass the POM's properties) is told so.
 */
public final class SharedReference {

    /** The system property naming the {@code shared} directory (the parent of {@code reference}). */
    public static final String DIRECTORY_PROPERTY = "civis.shared.dir";

    /** The system property that, when {@code true}, turns a missing reference file into a failure. */
    public static final String REQUIRED_PROPERTY = "civis.shared.required";

    private SharedReference() {
    }

    /**
     * The reference directory, {@code <civis.shared.dir>/reference}, or {@code null} when the
     * property is not set.
     */
    public static @Nullable Path directory() {
        String shared = System.getProperty(DIRECTORY_PROPERTY);
        if (shared == null || shared.isBlank()) {
            return null;
        }
        return Path.of(shared).resolve("reference").toAbsolutePath().normalize();
    }

    /** Whether tests that need the reference data must fail rather than skip without it. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, "false").trim());
    }

    /**
     * A reference file, for a test that needs it.
     *
     * @param fileName the file's name inside the reference directory, e.g. {@code recorded-examples.json}
     * @return the file
     * @throws org.opentest4j.TestAbortedException when the file is absent (the test is skipped
     *         with the reason)
     * @throws org.opentest4j.AssertionFailedError instead, when {@value #REQUIRED_PROPERTY} is {@code true}
     */
    public static Path require(String fileName) {
        Path directory = directory();
        String missing = null;
        Path file = null;
        if (directory == null) {
            missing = "the system property " + DIRECTORY_PROPERTY + " is not set (the root POM sets it for tests run"
                    + " through Maven), so the reference file " + fileName + " cannot be found";
        }
        else {
            file = directory.resolve(fileName);
            if (!Files.isRegularFile(file)) {
                missing = "the reference file " + file + " is absent";
            }
        }
        if (missing == null) {
            return file;
        }
        if (required()) {
            return Assertions.fail(missing + ", and " + REQUIRED_PROPERTY + "=true requires it");
        }
        return Assumptions.abort("Skipped: " + missing + " (the project builds and tests without it; "
                + REQUIRED_PROPERTY + "=true makes this a failure)");
    }
}
