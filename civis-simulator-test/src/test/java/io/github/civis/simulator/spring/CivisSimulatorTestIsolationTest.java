package io.github.civis.simulator.spring;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import io.github.civis.client.CivisClient;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.model.Credential;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.simulator.state.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Two test classes with the same configuration share the cached context and its simulator, yet
 * the second one gets the simulator as the seed describes, whatever the first one did to it.
 * The two classes run, in order, under a launcher of their own.
 */
class CivisSimulatorTestIsolationTest {

    /** Lets the two classes run only when launched from here, not by the build's own scan. */
    private static volatile boolean launched;

    private static final AtomicReference<CivisSimulator> firstSimulator = new AtomicReference<>();

    private static final AtomicReference<CivisSimulator> secondSimulator = new AtomicReference<>();

    static boolean launched() {
        return launched;
    }

    @Test
    void aClassSharingTheContextSeesOnlyTheSeedNotWhatTheClassBeforeItDid() {
        TestExecutionSummary summary = run(FirstClassChangesEverything.class, SecondClassSeesTheSeedOnly.class);

        summary.getFailures().forEach(failure -> {
            throw new AssertionError(failure.getTestIdentifier().getDisplayName() + " failed", failure.getException());
        });
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(secondSimulator.get()).as("the cached context, and so the simulator, is shared")
            .isSameAs(firstSimulator.get());
    }

    static TestExecutionSummary run(Class<?>... classes) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(java.util.Arrays.stream(classes).map(c -> selectClass(c)).toList())
            .configurationParameter(ClassOrderer.DEFAULT_ORDER_PROPERTY_NAME, ClassOrderer.OrderAnnotation.class.getName())
            .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launched = true;
        try {
            LauncherFactory.create().execute(request, listener);
        }
        finally {
            launched = false;
        }
        return listener.getSummary();
    }

    @Configuration(proxyBeanMethods = false)
    static class Shared {
    }

    @SpringJUnitConfig(Shared.class)
    @CivisSimulatorTest(seed = "classpath:seeds/cities.json", apiKey = "isolation-key")
    @EnabledIf("io.github.civis.simulator.spring.CivisSimulatorTestIsolationTest#launched")
    @Order(1)
    static class FirstClassChangesEverything {

        @Autowired
        CivisSimulator simulator;

        @Value("${civis.base-url}")
        String baseUrl;

        @Test
        void changes() {
            firstSimulator.set(simulator);
            simulator.seed(new Seed().database("scratch")
                .table("warehouse", "demo.cities", List.of("name"), List.of(List.of("Nowhere"))));
            try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey("isolation-key").build()) {
                Credential made = client.credentials().post(b -> b.type("Custom").name("leftover").username("u")
                    .password("p"));
                simulator.runOutcome(made.id(), RunOutcome.failed("scripted by the first class"));
                assertThat(client.sql().query("SELECT * FROM demo.cities", "warehouse").rows())
                    .containsExactly(List.of("Nowhere"));
            }
        }
    }

    @SpringJUnitConfig(Shared.class)
    @CivisSimulatorTest(seed = "classpath:seeds/cities.json", apiKey = "isolation-key")
    @EnabledIf("io.github.civis.simulator.spring.CivisSimulatorTestIsolationTest#launched")
    @Order(2)
    static class SecondClassSeesTheSeedOnly {

        @Autowired
        CivisSimulator simulator;

        @Value("${civis.base-url}")
        String baseUrl;

        @Test
        void seesTheSeed() {
            secondSimulator.set(simulator);
            try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey("isolation-key").build()) {
                assertThat(client.sql().query("SELECT * FROM demo.cities", "warehouse").rows())
                    .containsExactly(List.of("Oslo", "709000"), List.of("Lima", "10092000"));
                assertThatExceptionOfType(CivisLookupException.class)
                    .isThrownBy(() -> client.lookups().databaseId("scratch"));
                assertThat(client.credentials().listAll(q -> { }).map(Credential::name).toList())
                    .doesNotContain("leftover");
            }
        }
    }
}
