package io.github.civis.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The client conforms to every exchange recorded from the real Civis API. The recordings are
 * reference data kept outside the repository ({@code ../shared}); without them the test skips.
 */
class RecordedExamplesConformanceTest {

    @Test
    void everyRecordedExchangePasses() {
        String shared = System.getProperty("civis.shared.dir");
        assumeTrue(shared != null && !shared.isBlank(),
                "skipped: system property civis.shared.dir is not set, so the recorded examples cannot be found");
        Path file = Path.of(shared, "reference", "recorded-examples.json");
        assumeTrue(Files.isRegularFile(file), "skipped: " + file + " is absent; the recorded examples are reference"
                + " data outside the repository (../shared/reference), present in CI");

        ConformanceReport report = ConformanceRunner.run(file);
        report.print(System.out, System.err);

        assertThat(report.outcomes()).isNotEmpty();
        assertThat(report.outcomes())
            .filteredOn(outcome -> !outcome.passed())
            .extracting(ConformanceReport.Outcome::line)
            .isEmpty();
        assertThat(report.failed()).isZero();
    }
}
