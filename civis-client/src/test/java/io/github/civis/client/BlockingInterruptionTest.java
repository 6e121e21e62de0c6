package io.github.civis.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunInterruptedException;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.state.RunOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread blocked in the client and interrupted gets a {@link CivisInterruptedException} that
 * says what was under way, and keeps its interrupt flag. The simulator holds each answer back
 * (a latency fault) so that the thread is waiting when it is interrupted.
 */
class BlockingInterruptionTest {

    /** Longer than any test waits: the answer never comes before the interruption. */
    private static final Duration HELD_BACK = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private CivisSimulator simulator;

    private CivisClient client;

    @BeforeEach
    void start() {
        simulator = CivisSimulator.builder().apiKey("k").runStep(Duration.ofSeconds(1)).build().start();
        client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("k").build();
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    /** What a blocked, then interrupted, thread saw. */
    private record Interrupted(Throwable thrown, boolean flagSet) {
    }

    /**
     * Runs the call on a thread of its own, interrupts it once it waits, and reports what it
     * threw and whether its interrupt flag was still set.
     */
    private static Interrupted interruptWhileBlocked(Runnable call) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagSet = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                call.run();
            }
            catch (Throwable ex) {
                thrown.set(ex);
                flagSet.set(Thread.currentThread().isInterrupted());
            }
        }, "blocked-caller");
        caller.start();
        // Bounded: an interrupt that comes before the call blocks ends it the same way.
        for (int i = 0; i < 1_000 && caller.getState() != Thread.State.WAITING
                && caller.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10);
        }
        caller.interrupt();
        caller.join(HELD_BACK.toMillis());
        assertThat(caller.isAlive()).as("the interrupted caller returned").isFalse();
        assertThat(thrown.get()).as("the interrupted call threw").isNotNull();
        return new Interrupted(thrown.get(), flagSet.get());
    }

    private CivisRun longRun() {
        long jobId = client.scripts().postPython3(b -> b.name("job").source("print(1)")).id();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofHours(1)));
        return client.runs().start(jobId);
    }

    @Test
    void interruptedLogsThrowARunInterruptionAndKeepTheFlag() throws InterruptedException {
        CivisRun run = longRun();
        simulator.faults().add(FaultRule.latency(HELD_BACK).on("GET", "/jobs/{id}/runs/{run_id}/logs"));

        Interrupted outcome = interruptWhileBlocked(run::logs);

        assertThat(outcome.thrown()).isInstanceOfSatisfying(CivisRunInterruptedException.class, ex -> {
            assertThat(ex.jobId()).isEqualTo(run.jobId());
            assertThat(ex.runId()).isEqualTo(run.runId());
            assertThat(ex).hasMessage("Interrupted while reading the logs of run " + run.runId() + " of job "
                    + run.jobId() + "; the run goes on").hasCauseInstanceOf(InterruptedException.class);
        });
        assertThat(outcome.flagSet()).isTrue();
    }

    @Test
    void anInterruptedCancelThrowsARunInterruptionAndKeepsTheFlag() throws InterruptedException {
        CivisRun run = longRun();
        simulator.faults().add(FaultRule.latency(HELD_BACK).on("DELETE", "/jobs/{id}/runs/{run_id}"));

        Interrupted outcome = interruptWhileBlocked(run::cancel);

        assertThat(outcome.thrown()).isInstanceOf(CivisRunInterruptedException.class)
                .hasMessageStartingWith("Interrupted while cancelling run " + run.runId() + " of job " + run.jobId());
        assertThat(outcome.flagSet()).isTrue();
    }

    @Test
    void anInterruptedDownloadToAFileThrowsAnInterruptionAndKeepsTheFlag() throws InterruptedException {
        long id = client.fileTransfers().upload(new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)),
                "small.csv", UploadOptions.defaults());
        simulator.faults().add(FaultRule.latency(HELD_BACK).on("GET", "/files/{id}"));

        Interrupted outcome = interruptWhileBlocked(() -> client.fileTransfers().download(id, directory.resolve("copy.csv")));

        assertThat(outcome.thrown()).isInstanceOf(CivisInterruptedException.class)
                .hasMessage("Interrupted while downloading Civis file " + id + "; the transfer was stopped");
        assertThat(outcome.flagSet()).isTrue();
        assertThat(directory.resolve("copy.csv")).doesNotExist();
    }

    @Test
    void anInterruptedDownloadToAStreamThrowsAnInterruptionAndKeepsTheFlag() throws InterruptedException {
        long id = client.fileTransfers().upload(new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)),
                "small.csv", UploadOptions.defaults());
        simulator.faults().add(FaultRule.latency(HELD_BACK).on("GET", "/files/{id}"));
        ByteArrayOutputStream target = new ByteArrayOutputStream();

        Interrupted outcome = interruptWhileBlocked(() -> client.fileTransfers().download(id, target));

        assertThat(outcome.thrown()).isInstanceOf(CivisInterruptedException.class)
                .hasMessageContaining("downloading Civis file " + id);
        assertThat(outcome.flagSet()).isTrue();
        assertThat(target.size()).isZero();
    }

    @Test
    void anInterruptedCallOfTheGeneratedApiThrowsAnInterruptionAndKeepsTheFlag() throws InterruptedException {
        simulator.faults().add(FaultRule.latency(HELD_BACK).on("GET", "/users/me"));

        Interrupted outcome = interruptWhileBlocked(() -> client.users().getMe());

        assertThat(outcome.thrown()).isInstanceOf(CivisInterruptedException.class)
                .hasMessage("Interrupted while waiting for GET /users/me (/users/me); the request was cancelled");
        assertThat(outcome.flagSet()).isTrue();
    }
}
