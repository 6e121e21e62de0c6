package io.github.civis.simulator.spring;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import io.github.civis.client.CivisClient;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.simulator.junit.CivisSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test that fails because its simulator has no database of the name it uses says how to seed
 * one, in the words of the way the test runs its simulator. The failing classes run under a
 * launcher of their own.
 */
class CivisSimulatorSeedHintsTest {

    @Test
    void aSpringTestWithoutTheDatabaseIsToldToSeedIt() {
        Throwable failure = onlyFailure(CivisSimulatorTestIsolationTest.run(SpringTestQueryingAnUnseededDatabase.class));

        assertThat(failure).isInstanceOf(CivisLookupException.class)
            .hasMessage("No database named 'redshift-general' (the test's simulator has only the databases it is "
                    + "seeded with: seed it with @CivisSimulatorTest(seed = \"classpath:civis-seed.json\") or a "
                    + "Seed bean in the test's configuration)");
        assertThat(((CivisLookupException) failure).name()).isEqualTo("redshift-general");
        assertThat(failure.getCause()).isInstanceOf(CivisLookupException.class)
            .hasMessage("No database named 'redshift-general'");
    }

    @Test
    void anExtensionTestWithoutTheDatabaseIsToldToSeedIt() {
        Throwable failure = onlyFailure(CivisSimulatorTestIsolationTest.run(ExtensionTestQueryingAnUnseededDatabase.class));

        assertThat(failure).isInstanceOf(CivisLookupException.class)
            .hasMessageStartingWith("No database named 'redshift-general' (the test's simulator has only the databases")
            .hasMessageEndingWith("seed it with CivisSimulatorExtension.create(builder -> builder.seed("
                    + "Seed.readResource(\"civis-seed.json\"))))");
    }

    @Test
    void otherFailuresPassUnchanged() {
        Throwable failure = onlyFailure(CivisSimulatorTestIsolationTest.run(ExtensionTestFailingOtherwise.class));

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class).hasMessage("something else");
    }

    private static Throwable onlyFailure(TestExecutionSummary summary) {
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        return summary.getFailures().get(0).getException();
    }

    @Configuration(proxyBeanMethods = false)
    static class NoData {
    }

    @SpringJUnitConfig(NoData.class)
    @CivisSimulatorTest
    @EnabledIf("io.github.civis.simulator.spring.CivisSimulatorTestIsolationTest#launched")
    static class SpringTestQueryingAnUnseededDatabase {

        @Value("${civis.base-url}")
        String baseUrl;

        @Value("${civis.api-key}")
        String apiKey;

        @Test
        void queries() {
            try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
                client.sql().query("SELECT 1", "redshift-general");
            }
        }
    }

    @EnabledIf("io.github.civis.simulator.spring.CivisSimulatorTestIsolationTest#launched")
    static class ExtensionTestQueryingAnUnseededDatabase {

        @RegisterExtension
        static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();

        @Test
        void queries(CivisClient client) {
            client.sql().query("SELECT 1", "redshift-general");
        }
    }

    @EnabledIf("io.github.civis.simulator.spring.CivisSimulatorTestIsolationTest#launched")
    static class ExtensionTestFailingOtherwise {

        @RegisterExtension
        static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();

        @Test
        void fails(CivisClient client) {
            assertThat(client.lookups().username()).isEqualTo("simulator");
            throw new IllegalStateException("something else");
        }
    }

}
