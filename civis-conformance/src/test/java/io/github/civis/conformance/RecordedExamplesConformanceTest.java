package io.github.civis.conformance;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.civis.testsupport.SharedReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client conforms to every exchange recorded from the real Civis API. The recordings are
 * reference data kept outside the repository ({@code ../shared}); without them the test skips
 * (or fails, when {@code civis.shared.required=true}).
 */
class RecordedExamplesConformanceTest {

    @Test
    void everyRecordedExchangePasses() {
        Path file = SharedReference.require("recorded-examples.json");

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
