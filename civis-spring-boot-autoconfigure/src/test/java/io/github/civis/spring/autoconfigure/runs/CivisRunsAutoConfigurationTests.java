package io.github.civis.spring.autoconfigure.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.civis.client.CivisClient;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.CivisRunPollingException;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.ReactiveCivisRuns;
import io.github.civis.client.runs.RunPolling;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.state.RunOutcome;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.metrics.CivisMetricsAutoConfiguration;
import io.github.civis.spring.autoconfigure.metrics.CivisRunMetrics;

/**
 * Tests for {@link CivisRunsAutoConfiguration} and the run meters of
 * {@link CivisMetricsAutoConfiguration}, against the simulator.
 */
class CivisRunsAutoConfigurationTests {

    private final CivisSimulator simulator = CivisSimulator.builder().apiKey("test-key")
        .runStep(Duration.ofMillis(50)).build().start();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, CivisRunsAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key", "civis.base-url=" + this.simulator.baseUrl());

    private final ApplicationContextRunner withMetrics = this.contextRunner
        .withConfiguration(AutoConfigurations.of(CivisMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
        .withPropertyValues("civis.runs.poll.initial=20ms", "civis.runs.poll.max=50ms");

    @AfterEach
    void stopSimulator() {
        this.simulator.close();
    }

    @Test
    void providesBlockingAndReactiveRunsWithTheDefaultPolling() {
        this.contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CivisRuns.class).hasSingleBean(ReactiveCivisRuns.class);
            assertThat(context).hasBean("civisRuns").hasBean("reactiveCivisRuns");
            RunPolling polling = context.getBean(CivisRuns.class).polling();
            assertThat(polling.initial()).isEqualTo(Duration.ofSeconds(1));
            assertThat(polling.multiplier()).isEqualTo(1.2);
            assertThat(polling.max()).isEqualTo(Duration.ofSeconds(15));
            assertThat(context.getBean(ReactiveCivisRuns.class).polling()).isEqualTo(polling);
        });
    }

    @Test
    void pollingFollowsTheProperties() {
        this.contextRunner
            .withPropertyValues("civis.runs.poll.initial=2s", "civis.runs.poll.multiplier=1.5", "civis.runs.poll.max=1m",
                    "civis.runs.poll.max-consecutive-failures=4")
            .run(context -> {
                RunPolling polling = context.getBean(CivisRuns.class).polling();
                assertThat(polling.initial()).isEqualTo(Duration.ofSeconds(2));
                assertThat(polling.multiplier()).isEqualTo(1.5);
                assertThat(polling.max()).isEqualTo(Duration.ofMinutes(1));
                assertThat(polling.maxConsecutiveFailedPolls()).isEqualTo(4);
            });
        this.contextRunner.run(context -> assertThat(context.getBean(CivisRuns.class).polling()
            .maxConsecutiveFailedPolls()).isEqualTo(10));
    }

    @Test
    void impossiblePollingStopsStartupNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.runs.poll.multiplier=0.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("civis.runs.poll.multiplier");
        });
        this.contextRunner.withPropertyValues("civis.runs.poll.initial=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("civis.runs.poll.initial");
        });
        this.contextRunner.withPropertyValues("civis.runs.poll.initial=20s", "civis.runs.poll.max=10s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("civis.runs.poll.max");
        });
        this.contextRunner.withPropertyValues("civis.runs.poll.max-consecutive-failures=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("civis.runs.poll.max-consecutive-failures must be at least 1, was 0");
        });
    }

    @Test
    void misspeltPollingPropertyStopsStartup() {
        this.contextRunner.withPropertyValues("civis.runs.poll.intial=2s").run(context -> {
            assertThat(context).hasFailed();
            // Stopped by the check of civis.* names, before any binding, with the key it meant.
            assertThat(context.getStartupFailure()).hasMessageContaining("civis.runs.poll.intial")
                .hasMessageContaining("did you mean civis.runs.poll.initial?");
        });
    }

    @Test
    void userBeansWin() {
        this.contextRunner.withBean("myRuns", CivisRuns.class, () -> CivisRuns.of(CivisClient.builder()
            .baseUrl(this.simulator.baseUrl()).apiKey("test-key").build().reactiveRuns()))
            .run(context -> assertThat(context).hasSingleBean(CivisRuns.class).hasBean("myRuns")
                .doesNotHaveBean("civisRuns"));
    }

    @Test
    void absentWithoutAClient() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CivisRunsAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(CivisRuns.class)
                .doesNotHaveBean(ReactiveCivisRuns.class));
    }

    @Test
    void runsAreMeteredByOutcomeWithPollsAndActiveRuns() {
        this.withMetrics.run(context -> {
            CivisClient client = context.getBean(CivisClient.class);
            long ok = client.scripts().postPython3(b -> b.name("ok").source("print(1)")).id();
            long failing = client.scripts().postPython3(b -> b.name("bad").source("x")).id();
            this.simulator.runOutcome(failing, RunOutcome.failed("boom").lasting(Duration.ofMillis(100)));
            CivisRuns runs = context.getBean(CivisRuns.class);

            runs.start(ok).await(Duration.ofMinutes(1));
            assertThatThrownBy(() -> runs.start(failing).await(Duration.ofMinutes(1)))
                .isInstanceOf(CivisRunFailedException.class);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(CivisRunMetrics.RUNS).tag("outcome", "succeeded").timer().count()).isEqualTo(1);
            assertThat(registry.get(CivisRunMetrics.RUNS).tag("outcome", "failed").timer().count()).isEqualTo(1);
            assertThat(registry.get(CivisRunMetrics.POLLS).counter().count()).isGreaterThanOrEqualTo(2);
            assertThat(registry.get(CivisRunMetrics.ACTIVE).gauge().value()).isZero();
        });
    }

    @Test
    void failedPollsAreCountedAndEndTheWaitAtTheConfiguredCount() {
        this.withMetrics.withPropertyValues("civis.runs.poll.max-consecutive-failures=2").run(context -> {
            CivisClient client = context.getBean(CivisClient.class);
            long job = client.scripts().postPython3(b -> b.name("long").source("print(1)")).id();
            this.simulator.runOutcome(job, RunOutcome.succeeded().lasting(Duration.ofHours(1)));
            CivisRuns runs = context.getBean(CivisRuns.class);
            CivisRun run = runs.start(job);
            this.simulator.faults().add(FaultRule.malformedJson().on("GET", "/jobs/{id}/runs/{run_id}"));

            assertThatThrownBy(() -> run.await(Duration.ofMinutes(1))).isInstanceOf(CivisRunPollingException.class)
                .hasMessageContaining("after 2 consecutive failed reads");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(CivisRunMetrics.FAILED_POLLS).counter().count()).isEqualTo(2);
            assertThat(registry.get(CivisRunMetrics.RUNS).tag("outcome", "error").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void activeRunsGaugeCountsWaitsInProgress() {
        this.withMetrics.run(context -> {
            CivisClient client = context.getBean(CivisClient.class);
            long slow = client.scripts().postPython3(b -> b.name("slow").source("print(1)")).id();
            this.simulator.runOutcome(slow, RunOutcome.succeeded().lasting(Duration.ofHours(1)));
            ReactiveCivisRuns runs = context.getBean(ReactiveCivisRuns.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            reactor.core.Disposable waiting = runs.start(slow).flatMap(run -> run.await()).subscribe();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (registry.get(CivisRunMetrics.ACTIVE).gauge().value() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double during = registry.get(CivisRunMetrics.ACTIVE).gauge().value();
            waiting.dispose();

            assertThat(during).isEqualTo(1);
            assertThat(registry.get(CivisRunMetrics.ACTIVE).gauge().value()).isZero();
            assertThat(registry.get(CivisRunMetrics.RUNS).tag("outcome", "stopped").timer().count()).isEqualTo(1);
        });
    }

}
