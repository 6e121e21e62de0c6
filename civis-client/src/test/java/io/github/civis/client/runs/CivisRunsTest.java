package io.github.civis.client.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisNotFoundException;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.RunLog;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.state.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Runs against the simulator: start, await, cancel, follow logs, read outputs. Polling waits go
 * through {@link TestTime}, which moves the simulator's clock instead of sleeping, so long runs
 * are followed on their real schedule in little real time.
 */
class CivisRunsTest {

    private final TestTime time = new TestTime();

    private CivisSimulator simulator;

    private CivisClient client;

    private CivisRuns runs;

    @BeforeEach
    void start() {
        simulator = CivisSimulator.builder().apiKey("k").clock(time).runStep(Duration.ofSeconds(1)).build().start();
        client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("k").build();
        runs = client.runs().withTimer(time);
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    private long newJob() {
        return client.scripts().postPython3(b -> b.name("job").source("print(1)")).id();
    }

    @Test
    void awaitReturnsTheSucceededRun() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofSeconds(5)));

        CivisRun run = runs.start(jobId);
        JobRun done = run.await(Duration.ofMinutes(1));

        assertThat(done.state()).isEqualTo("succeeded");
        assertThat(done.id()).isEqualTo(run.runId());
        assertThat(run.jobId()).isEqualTo(jobId);
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void failedRunRaisesAnExceptionWithIdsErrorAndTheLastTwentyLogLines() {
        long jobId = newJob();
        RunOutcome outcome = RunOutcome.failed("Out of memory: killed at row 1200").lasting(Duration.ofSeconds(30));
        for (int i = 1; i <= 25; i++) {
            outcome = outcome.log(Duration.ofSeconds(i), "row batch " + i);
        }
        simulator.runOutcome(jobId, outcome);
        CivisRun run = runs.start(jobId);

        CivisRunFailedException failure = catchThrowableOfType(CivisRunFailedException.class,
                () -> run.await(Duration.ofMinutes(1)));

        assertThat(failure.jobId()).isEqualTo(jobId);
        assertThat(failure.runId()).isEqualTo(run.runId());
        assertThat(failure.finalState()).isEqualTo(RunState.FAILED);
        assertThat(failure.error()).isEqualTo("Out of memory: killed at row 1200");
        assertThat(failure.logTail()).hasSize(20)
            .endsWith("row batch 25", "Failed: Out of memory: killed at row 1200")
            .doesNotContain("row batch 6");
        assertThat(failure.getMessage()).contains("Run " + run.runId() + " of job " + jobId + " failed",
                "Out of memory", "row batch 25");
    }

    @Test
    void cancelledRunEndsCancelledAndAwaitSaysSo() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofHours(1)));
        CivisRun run = runs.start(jobId);
        time.advance(Duration.ofSeconds(5));

        RunState afterCancel = run.cancel();
        CivisRunFailedException failure = catchThrowableOfType(CivisRunFailedException.class,
                () -> run.await(Duration.ofMinutes(1)));

        assertThat(afterCancel).isEqualTo(RunState.CANCELLED);
        assertThat(run.state()).isEqualTo(RunState.CANCELLED);
        assertThat(failure.finalState()).isEqualTo(RunState.CANCELLED);
        assertThat(failure.logTail()).last().isEqualTo("Cancelled by user");
    }

    @Test
    void cancellingARunThatAlreadyEndedReportsItsRealFinalState() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofSeconds(2)));
        CivisRun run = runs.start(jobId);
        run.await(Duration.ofMinutes(1));
        long notFoundBefore = simulator.stats().answers(404);

        RunState state = run.cancel();

        assertThat(state).isEqualTo(RunState.SUCCEEDED);
        // The platform's answer to the late cancel was a 404, taken as "already ended".
        assertThat(simulator.stats().answers(404)).isEqualTo(notFoundBefore + 1);
    }

    @Test
    void timeoutRaisesItsOwnExceptionAndLeavesTheRunRunning() {
        try (CivisSimulator realTime = CivisSimulator.builder().apiKey("k").build().start();
                CivisClient realClient = CivisClient.builder().baseUrl(realTime.baseUrl()).apiKey("k").build()) {
            long jobId = realClient.scripts().postPython3(b -> b.name("slow").source("x")).id();
            realTime.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofHours(1)));
            CivisRun run = realClient.runs().start(jobId);

            CivisRunTimeoutException timeout = catchThrowableOfType(CivisRunTimeoutException.class,
                    () -> run.await(Duration.ofMillis(200)));

            assertThat(timeout).isNotInstanceOf(CivisRunFailedException.class);
            assertThat(timeout.jobId()).isEqualTo(jobId);
            assertThat(timeout.runId()).isEqualTo(run.runId());
            assertThat(timeout.getMessage()).contains("still running");
            assertThat(run.state()).isEqualTo(RunState.RUNNING);
        }
    }

    @Test
    void interruptingABlockedAwaitStopsWaitingAndKeepsTheInterruptFlag() throws Exception {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofHours(1)));
        ManualTimer timer = new ManualTimer();
        CountDownLatch waiting = new CountDownLatch(1);
        CivisRun run = client.runs().withTimer(timer).withListener(new CivisRunListener() {
            @Override
            public void awaitStarted(long job, long runId) {
                waiting.countDown();
            }
        }).start(jobId);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                run.await(Duration.ofHours(2));
            }
            catch (Throwable ex) {
                thrown.set(ex);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

        waiter.interrupt();
        waiter.join(10_000);

        assertThat(waiter.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CivisRunInterruptedException.class)
            .hasMessageContaining("run " + run.runId());
        assertThat(flagAfter.get()).isTrue();
        // Polling stopped with the wait: no timer is left to trigger another call.
        eventually(() -> timer.pending().isEmpty(), "the pending poll is cancelled");
    }

    @Test
    void awaitAllReportsEveryOutcomeWhenOneRunFails() {
        long first = newJob();
        long failing = newJob();
        long third = newJob();
        simulator.runOutcome(first, RunOutcome.succeeded().lasting(Duration.ofSeconds(3)));
        simulator.runOutcome(failing, RunOutcome.failed("Table missing").lasting(Duration.ofSeconds(1)));
        simulator.runOutcome(third, RunOutcome.succeeded().lasting(Duration.ofSeconds(8)));
        List<CivisRun> started = List.of(runs.start(first), runs.start(failing), runs.start(third));

        CivisRunsFailedException failure = catchThrowableOfType(CivisRunsFailedException.class,
                () -> runs.awaitAll(started, Duration.ofMinutes(1)));

        assertThat(failure.results()).hasSize(3);
        assertThat(failure.results()).extracting(RunResult::succeeded).containsExactly(true, false, true);
        assertThat(failure.results().get(0).run().state()).isEqualTo("succeeded");
        assertThat(failure.results().get(2).run().state()).isEqualTo("succeeded");
        assertThat(failure.failures()).singleElement().satisfies(result -> {
            assertThat(result.jobId()).isEqualTo(failing);
            assertThat(result.failure()).isInstanceOfSatisfying(CivisRunFailedException.class,
                    failed -> assertThat(failed.error()).isEqualTo("Table missing"));
        });
        assertThat(failure.getSuppressed()).contains(failure.failures().get(0).failure());
        assertThat(failure.getMessage()).contains("1 of 3 runs did not succeed", "Table missing");
    }

    @Test
    void awaitAllReturnsEveryRunWhenAllSucceed() {
        long first = newJob();
        long second = newJob();
        List<CivisRun> started = List.of(runs.start(first), runs.start(second));

        List<JobRun> done = runs.awaitAll(started, Duration.ofMinutes(1));

        assertThat(done).extracting(JobRun::id).containsExactly(started.get(0).runId(), started.get(1).runId());
        assertThat(done).extracting(JobRun::state).containsOnly("succeeded");
    }

    @Test
    void cancellingAReactiveWaitStopsPolling() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofHours(1)));
        ManualTimer timer = new ManualTimer();
        List<AwaitOutcome> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        ReactiveCivisRun run = client.reactiveRuns().withTimer(timer).withListener(new CivisRunListener() {
            @Override
            public void awaitEnded(long job, long runId, AwaitOutcome outcome, Duration waited) {
                ended.add(outcome);
            }
        }).start(jobId).block();
        simulator.stats().reset();

        Disposable waiting = run.await().subscribe();
        for (int poll = 1; poll <= 3; poll++) {
            eventually(() -> timer.pending().size() == 1, "a poll is pending");
            timer.tick();
            int expected = poll;
            eventually(() -> simulator.stats().requests() == expected, "poll " + expected + " reached the simulator");
        }
        eventually(() -> timer.pending().size() == 1, "the next poll is pending");
        waiting.dispose();
        assertThat(ended).containsExactly(AwaitOutcome.STOPPED);

        // Nothing is left that could call again: the pending wait was cancelled with the subscriber.
        assertThat(timer.pending()).isEmpty();
        assertThat(simulator.stats().requests()).isEqualTo(3);
    }

    @Test
    void reactiveAwaitIsLazy() {
        long jobId = newJob();
        ReactiveCivisRun run = client.reactiveRuns().withTimer(time).start(jobId).block();
        simulator.stats().reset();

        reactor.core.publisher.Mono<JobRun> wait = run.await(Duration.ofMinutes(1));

        assertThat(simulator.stats().requests()).isZero();
        assertThat(wait.block().state()).isEqualTo("succeeded");
    }

    @Test
    void followLogsYieldsEveryLineOnceWhileTheRunWritesThem() {
        long jobId = newJob();
        RunOutcome outcome = RunOutcome.succeeded().queuedFor(Duration.ofSeconds(2)).lasting(Duration.ofSeconds(40));
        for (int i = 1; i <= 30; i++) {
            outcome = outcome.log(Duration.ofMillis(1300L * i), "step " + i);
        }
        simulator.runOutcome(jobId, outcome);
        CivisRun run = runs.start(jobId);

        List<RunLog> lines;
        try (Stream<RunLog> followed = run.followLogs()) {
            lines = followed.toList();
        }

        List<String> expected = new ArrayList<>();
        expected.add("Queued job " + jobId + ", run " + run.runId());
        expected.add("Running");
        IntStream.rangeClosed(1, 30).forEach(i -> expected.add("step " + i));
        expected.add("Process used approximately 0.0 MiB of its 0 MiB memory limit; Succeeded");
        assertThat(lines).extracting(RunLog::message).containsExactlyElementsOf(expected);
        assertThat(lines).extracting(RunLog::id).doesNotHaveDuplicates().isSorted();
        // Followed while written: the lines came over many calls, not in one read after the end.
        assertThat(time.waits()).hasSizeGreaterThan(5);
        assertThat(run.logs()).extracting(RunLog::message).containsExactlyElementsOf(expected);
    }

    @Test
    void reactiveFollowLogsCompletesWhenTheRunHasEnded() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.failed("boom").lasting(Duration.ofSeconds(3))
            .log(Duration.ofSeconds(1), "warn", "careful"));
        ReactiveCivisRun run = client.reactiveRuns().withTimer(time).start(jobId).block();

        List<String> messages = run.followLogs().map(RunLog::message).collectList().block(Duration.ofSeconds(30));

        assertThat(messages).containsExactly("Queued job " + jobId + ", run " + run.runId(), "Running", "careful",
                "Failed: boom");
    }

    @Test
    void aRunThatLastsTwentySecondsIsPolledAtMostTwelveTimes() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().queuedFor(Duration.ofSeconds(2)).lasting(Duration.ofSeconds(18)));
        CivisRun run = runs.start(jobId);
        simulator.stats().reset();

        run.await(Duration.ofMinutes(1));

        long polls = simulator.stats().requests();
        assertThat(polls).isBetween(5L, 12L);
        // The waits follow the schedule: 1 s growing by 1.2, never above 15 s, jitter only shortening.
        assertThat(time.waits().get(0)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(1));
        assertThat(time.waits()).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(15)));
    }

    @Test
    void aPollThatFailsDoesNotFailTheRun() {
        try (CivisClient noRetries = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("k")
            .retryPolicy(CivisRetryPolicy.none()).build()) {
            long jobId = newJob();
            simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofSeconds(10)));
            CivisRun run = noRetries.runs().withTimer(time).start(jobId);
            simulator.faults().add(FaultRule.status(503).times(2).on("GET", "/jobs/{id}/runs/{run_id}"));

            JobRun done = run.await(Duration.ofMinutes(1));

            assertThat(done.state()).isEqualTo("succeeded");
            assertThat(simulator.stats().answers(503)).isEqualTo(2);
        }
    }

    @Test
    void aMalformedAnswerToAPollIsSkippedAndTheListenerHearsOfIt() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofSeconds(10)));
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CivisRun run = runs.withListener(new CivisRunListener() {
            @Override
            public void pollFailed(long job, long runId, Throwable failure, int consecutive) {
                failures.add(consecutive + " " + failure.getClass().getSimpleName());
            }
        }).start(jobId);
        simulator.faults().add(FaultRule.malformedJson().times(1).on("GET", "/jobs/{id}/runs/{run_id}"));

        JobRun done = run.await(Duration.ofMinutes(1));

        assertThat(done.state()).isEqualTo("succeeded");
        assertThat(failures).containsExactly("1 CivisResponseFormatException");
    }

    @Test
    void aWaitGivesUpAtTheConfiguredCountOfConsecutiveFailedPollsNamingItAndTheLastFailure() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofHours(1)));
        CivisRun run = runs.withPolling(RunPolling.defaults().withMaxConsecutiveFailedPolls(3)).start(jobId);
        simulator.faults().add(FaultRule.malformedJson().on("GET", "/jobs/{id}/runs/{run_id}"));
        simulator.stats().reset();

        CivisRunPollingException failure = catchThrowableOfType(CivisRunPollingException.class,
                () -> run.await(Duration.ofHours(2)));

        assertThat(failure.jobId()).isEqualTo(jobId);
        assertThat(failure.runId()).isEqualTo(run.runId());
        assertThat(failure.failedPolls()).isEqualTo(3);
        assertThat(failure.getMessage()).startsWith("Stopped waiting for run " + run.runId() + " of job " + jobId
                + " after 3 consecutive failed reads of its state; the run may still be going on")
            .contains("civis.runs.poll.max-consecutive-failures")
            .contains("last failure: ");
        assertThat(failure.getCause()).isInstanceOf(io.github.civis.client.error.CivisResponseFormatException.class);
        assertThat(failure.getMessage()).contains(failure.getCause().getMessage());
        assertThat(simulator.stats().requests()).isEqualTo(3);
        simulator.faults().clear();
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void failedPollsCountOnlyWhileConsecutive() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofSeconds(30)));
        FaultRule oneMalformed = FaultRule.malformedJson().times(1).on("GET", "/jobs/{id}/runs/{run_id}");
        AtomicReference<Integer> failed = new AtomicReference<>(0);
        // After every good poll the next one fails: one failure in two, never two in a row.
        CivisRun run = runs.withPolling(RunPolling.defaults().withMaxConsecutiveFailedPolls(2))
            .withListener(new CivisRunListener() {
                @Override
                public void polled(long job, long runId, RunState state) {
                    simulator.faults().add(oneMalformed);
                }

                @Override
                public void pollFailed(long job, long runId, Throwable failure, int consecutive) {
                    failed.updateAndGet(count -> count + 1);
                }
            }).start(jobId);
        simulator.faults().add(oneMalformed);

        JobRun done = run.await(Duration.ofMinutes(5));

        assertThat(done.state()).isEqualTo("succeeded");
        assertThat(failed.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void unknownJobFailsAtOnceWithNotFound() {
        simulator.stats().reset();

        assertThatThrownBy(() -> runs.start(987_654)).isInstanceOf(CivisNotFoundException.class);
        assertThatThrownBy(() -> runs.attach(987_654, 1)).isInstanceOf(CivisNotFoundException.class);

        assertThat(simulator.stats().requests()).isEqualTo(2);
        assertThat(time.waits()).isEmpty();
    }

    @Test
    void zeroOrNegativeTimeoutIsRefusedNamingTheArgument() {
        CivisRun run = runs.start(newJob());

        assertThatThrownBy(() -> run.await(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("timeout");
        assertThatThrownBy(() -> run.await(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("timeout");
        assertThatThrownBy(() -> runs.awaitAll(List.of(run), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("timeout");
        assertThatThrownBy(() -> run.reactive().await(Duration.ofMillis(-5)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void futureCompletesWithTheRun() throws Exception {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofSeconds(4)));

        CompletableFuture<JobRun> future = runs.start(jobId).future();

        assertThat(future.get(30, TimeUnit.SECONDS).state()).isEqualTo("succeeded");
    }

    @Test
    void outputsGiveFileIdsAndJsonValues() {
        long jobId = newJob();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofSeconds(2))
            .jsonOutput("summary", JsonNodeFactory.instance.objectNode().put("rows", 3).put("table", "public.t"))
            .fileOutput("data.csv", "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        CivisRun run = runs.start(jobId);
        run.await(Duration.ofMinutes(1));

        RunOutputs outputs = run.outputs();

        assertThat(outputs.names()).containsExactlyInAnyOrder("summary", "data.csv");
        assertThat(outputs.jsonValue("summary", Summary.class)).isEqualTo(new Summary(3, "public.t"));
        assertThat(client.files().get(outputs.fileId("data.csv")).name()).isEqualTo("data.csv");
        assertThatThrownBy(() -> outputs.fileId("summary")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no File output named 'summary'").hasMessageContaining("data.csv (File)");
    }

    /** A JSON value output read as a record. */
    record Summary(int rows, String table) {
    }

    @Test
    void runTemplateMakesAScriptFromTheTemplateAndRunsIt() {
        long scriptId = newJob();
        long templateId = client.templates().postScripts(b -> b.scriptId(scriptId).name("report")).id();
        simulator.runOutcome(templateId, RunOutcome.succeeded().lasting(Duration.ofSeconds(3))
            .jsonOutput("count", JsonNodeFactory.instance.numberNode(42)));

        CivisRun run = runs.runTemplate(templateId, Map.of("region", "west", "limit", 10));
        run.await(Duration.ofMinutes(1));

        assertThat(run.jobId()).isNotEqualTo(templateId);
        assertThat(client.scripts().getCustom(run.jobId()).fromTemplateId()).isEqualTo(templateId);
        assertThat(run.outputs().jsonValue("count", Integer.class)).isEqualTo(42);
        assertThatThrownBy(() -> runs.runTemplate(999_999, Map.of())).isInstanceOf(CivisNotFoundException.class);
    }

    @Test
    void listenerHearsEveryWaitPollAndOutcomeAndItsFailuresDoNotBreakWaiting() {
        long ok = newJob();
        long failing = newJob();
        simulator.runOutcome(ok, RunOutcome.succeeded().lasting(Duration.ofSeconds(3)));
        simulator.runOutcome(failing, RunOutcome.failed("no").lasting(Duration.ofSeconds(3)));
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        CivisRuns listened = runs.withListener(new CivisRunListener() {
            @Override
            public void awaitStarted(long jobId, long runId) {
                events.add("started " + jobId);
                throw new IllegalStateException("a broken listener");
            }

            @Override
            public void polled(long jobId, long runId, RunState state) {
                events.add("polled " + jobId);
            }

            @Override
            public void awaitEnded(long jobId, long runId, AwaitOutcome outcome, Duration waited) {
                events.add("ended " + jobId + " " + outcome.tagValue());
            }
        });

        listened.start(ok).await(Duration.ofMinutes(1));
        assertThatThrownBy(() -> listened.start(failing).await(Duration.ofMinutes(1)))
            .isInstanceOf(CivisRunFailedException.class);

        assertThat(events).contains("started " + ok, "polled " + ok, "ended " + ok + " succeeded",
                "started " + failing, "ended " + failing + " failed");
    }

    @Test
    void closingTheClientStopsTheSharedTimer() {
        long jobId = newJob();
        CivisRun run = client.runs().start(jobId);
        time.advance(Duration.ofMinutes(1));
        // The real timer waits the first second, then reads the run as ended.
        run.await(Duration.ofMinutes(1));

        client.close();

        assertThatThrownBy(() -> run.await(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
    }

    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not reached within 10 s: " + what);
            }
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for: " + what);
            }
        }
    }
}
