package io.github.civis.simulator;

import java.time.Duration;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.Job;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.ScriptPython3;
import org.junit.jupiter.api.Test;
import io.github.civis.testsupport.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs advance on the injected clock: queued for one step, running for the next, then done.
 */
class RunClockTest {

    @Test
    void runAdvancesStepByStepOnTheInjectedClock() {
        ManualClock clock = new ManualClock();
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("k").clock(clock)
            .runStep(Duration.ofSeconds(10)).build().start()) {
            CivisClient client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("k").build();
            ScriptPython3 script = client.scripts().postPython3(b -> b.name("py").source("print(1)"));
            JobRun run = client.jobs().postRuns(script.id());

            String queued = client.jobs().getRuns(script.id(), run.id()).state();
            clock.advance(Duration.ofSeconds(10));
            String running = client.jobs().getRuns(script.id(), run.id()).state();
            clock.advance(Duration.ofSeconds(10));
            JobRun done = client.jobs().getRuns(script.id(), run.id());
            Job job = client.jobs().get(script.id());

            assertThat(queued).isEqualTo("queued");
            assertThat(running).isEqualTo("running");
            assertThat(done.state()).isEqualTo("succeeded");
            assertThat(done.startedAt()).isEqualTo("2026-01-01T00:00:10.000Z");
            assertThat(done.finishedAt()).isEqualTo("2026-01-01T00:00:20.000Z");
            assertThat(job.lastRun().id()).isEqualTo(run.id());
            assertThat(job.state()).isEqualTo("succeeded");
            assertThat(client.jobs().listRunsLogs(script.id(), run.id())).hasSize(3);
        }
    }
}
