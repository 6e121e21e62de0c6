package io.github.civis.client.runs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.model.JobRun;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs of Civis jobs, blocking: start a job or a template, attach to a run, wait for several.
 * Reached as {@code client.runs()}. All runs of a client share one timer thread for polling;
 * no thread is started per run.
 *
 * <pre class="code">
 * CivisRun run = client.runs().start(jobId);
 * JobRun done = run.await(Duration.ofMinutes(30));
 * </pre>
 */
public final class CivisRuns {

    private final ReactiveCivisRuns reactive;

    private CivisRuns(ReactiveCivisRuns reactive) {
        this.reactive = reactive;
    }

    /**
     * The blocking twin of reactive runs (same client, timer, polling and listener).
     * @param reactive the reactive runs
     * @return the runs
     */
    public static CivisRuns of(ReactiveCivisRuns reactive) {
        return new CivisRuns(Objects.requireNonNull(reactive, "reactive"));
    }

    /** The reactive twin of these runs. */
    public ReactiveCivisRuns reactive() {
        return reactive;
    }

    /**
     * The same runs with another polling schedule.
     * @param polling the schedule
     * @return the runs
     */
    public CivisRuns withPolling(RunPolling polling) {
        return new CivisRuns(reactive.withPolling(polling));
    }

    /**
     * The same runs, telling a listener about waits and polls (e.g. for metrics).
     * @param listener the listener
     * @return the runs
     */
    public CivisRuns withListener(CivisRunListener listener) {
        return new CivisRuns(reactive.withListener(listener));
    }

    /**
     * The same runs, timing the waits between polls with this timer instead of the client's
     * timer thread; tests pass one that moves a fake clock and completes at once.
     * @param timer the timer
     * @return the runs
     */
    public CivisRuns withTimer(RunTimer timer) {
        return new CivisRuns(reactive.withTimer(timer));
    }

    /** The polling schedule in use. */
    public RunPolling polling() {
        return reactive.polling();
    }

    /**
     * Starts a run of a job ({@code POST /jobs/{id}/runs}): any script, import, export or other job.
     * @param jobId the job's id
     * @return the run
     * @throws io.github.civis.client.error.CivisNotFoundException when there is no such job
     */
    public CivisRun start(long jobId) {
        return new CivisRun(BlockingWait.block(reactive.start(jobId), ex -> new CivisInterruptedException(
                "Interrupted while starting a run of job " + jobId + "; the run may have started", ex)));
    }

    /**
     * A run started elsewhere; read once to check that it exists.
     * @param jobId the job's id
     * @param runId the run's id
     * @return the run
     * @throws io.github.civis.client.error.CivisNotFoundException when there is no such job or run
     */
    public CivisRun attach(long jobId, long runId) {
        return new CivisRun(block(reactive.attach(jobId, runId), jobId, runId));
    }

    /**
     * Makes a custom script from a template with these arguments and starts a run of it.
     * @param templateId the template's id
     * @param arguments the script's arguments by name (strings, numbers, booleans, lists, maps)
     * @return the run of the new script
     * @throws io.github.civis.client.error.CivisNotFoundException when there is no such template
     */
    public CivisRun runTemplate(long templateId, Map<String, ?> arguments) {
        return new CivisRun(BlockingWait.block(reactive.runTemplate(templateId, arguments),
                ex -> new CivisInterruptedException("Interrupted while starting a run of template " + templateId
                        + "; the run may have started", ex)));
    }

    /**
     * Waits for every run, together, at most {@code timeout} in all.
     * @param runs the runs
     * @param timeout a positive duration
     * @return the runs as they ended, in the given order, when all succeeded
     * @throws CivisRunsFailedException when any did not succeed, carrying every run's result
     * @throws CivisRunInterruptedException when the thread was interrupted (flag set again)
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public List<JobRun> awaitAll(Collection<CivisRun> runs, Duration timeout) {
        Objects.requireNonNull(runs, "runs");
        List<ReactiveCivisRun> all = runs.stream().map(CivisRun::reactive).toList();
        long jobId = all.isEmpty() ? 0 : all.get(0).jobId();
        long runId = all.isEmpty() ? 0 : all.get(0).runId();
        return block(reactive.awaitAll(all, timeout), jobId, runId);
    }

    // --- shared helpers of the blocking API

    static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
        }
        return duration;
    }

    /** Subscribes and returns a future whose cancellation cancels the subscription. */
    static <T> CompletableFuture<T> toFuture(Mono<T> mono) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Disposable subscription = mono.subscribe(future::complete, future::completeExceptionally);
        future.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                subscription.dispose();
            }
        });
        return future;
    }

    /**
     * Waits for the result on the calling thread. Interruption stops the wait (and the polling),
     * sets the interrupt flag again and throws; the failure of the wait is rethrown as it is.
     */
    static <T> T block(Mono<T> mono, long jobId, long runId) {
        return BlockingWait.block(mono, ex -> new CivisRunInterruptedException(jobId, runId, ex));
    }
}
