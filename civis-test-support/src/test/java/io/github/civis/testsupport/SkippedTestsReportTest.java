package io.github.civis.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Skipped tests and classes are printed with their reasons, one line each. */
class SkippedTestsReportTest {

    @Test
    void printsEachSkipWithItsReason() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(SomeSkipped.class), selectClass(AllSkipped.class)).build(), new SkippedTestsReport(out));

        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3)
            .contains("Skipped: SkippedTestsReportTest$SomeSkipped > needsSomething(): "
                    + "Disabled on purpose: no reference data here",
                    "Skipped: SkippedTestsReportTest$AllSkipped: Docker is not available")
            .anySatisfy(line -> assertThat(line).startsWith("Skipped: SkippedTestsReportTest$SomeSkipped > "
                    + "needsAProperty(): System property [civis.never.set]"));
    }

    static class SomeSkipped {

        @Test
        @Disabled("Disabled on purpose: no reference data here")
        void needsSomething() {
        }

        @Test
        @EnabledIfSystemProperty(named = "civis.never.set", matches = "yes")
        void needsAProperty() {
        }
    }

    @Disabled("Docker is not available")
    static class AllSkipped {

        @Test
        void runsInAContainer() {
        }
    }
}
