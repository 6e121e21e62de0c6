package io.github.civis.client.runs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.RunLog;
import reactor.core.publisher.Mono;

/**
 * One run of a Civis job, blocking. Waiting polls on the client's shared timer thread; the
 * calling thread only waits for the result.
 *
 * <pre class="code">
 * CivisRun run = client.runs().start(jobId);
 * JobRun done = run.await(Duration.ofMinutes(30));   // CivisRunFailedException when it fails
 * </pre>
 *
 * <p>A method that waits and whose thread is interrupted throws
 * {@link CivisRunInterruptedException}, with the thread's interrupt flag set again.
 */
public final class CivisRun {

    private final ReactiveCivisRun reactive;

    CivisRun(ReactiveCivisRun reactive) {
        this.reactive = reactive;
    }

    /**
     * The blocking view of a reactive run (same run, polling, listener and timer).
     * @param reactive the run
     * @return its blocking view
     */
    public static CivisRun of(ReactiveCivisRun reactive) {
        return new CivisRun(java.util.Objects.requireNonNull(reactive, "reactive"));
    }

    /** The job's id. */
    public long jobId() {
        return reactive.jobId();
    }

    /** The run's id. */
    public long runId() {
        return reactive.runId();
    }

    /** The reactive view of this run. */
    public ReactiveCivisRun reactive() {
        return reactive;
    }

    /** The run as the platform shows it now (one call). */
    public JobRun refresh() {
        return call(reactive.refresh(), "reading");
    }

    /** The run's state now (one call). */
    public RunState state() {
        return call(reactive.state(), "reading");
    }

    /**
     * Waits until the run ends, at most {@code timeout}.
     * @param timeout a positive duration
     * @return the run as it ended, when it succeeded
     * @throws CivisRunFailedException when it failed or was cancelled (with the platform's error
     *         and the last log lines)
     * @throws CivisRunTimeoutException when it was still going after {@code timeout}; it goes on
     * @throws CivisRunInterruptedException when the thread was interrupted; the interrupt flag is
     *         set again, polling stops and the run goes on
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public JobRun await(Duration timeout) {
        return CivisRuns.block(reactive.await(timeout), jobId(), runId());
    }

    /**
     * Starts waiting for the run and returns at once. Cancelling the future stops the polling
     * (not the run).
     * @return completes with the run as it ended when it succeeded, else exceptionally with
     *         {@link CivisRunFailedException}
     */
    public CompletableFuture<JobRun> future() {
        return CivisRuns.toFuture(reactive.await());
    }

    /**
     * Cancels the run. A run that has already ended cannot be cancelled (the platform answers
     * 404); that is not an error here: the run is read again and its real final state returned.
     * @return {@link RunState#CANCELLED}, or the state the run had already ended in
     */
    public RunState cancel() {
        return BlockingWait.block(reactive.cancel(), ex -> new CivisRunInterruptedException(jobId(), runId(),
                "Interrupted while cancelling run " + runId() + " of job " + jobId()
                        + "; the run goes on unless the cancel request had reached the platform", ex));
    }

    /** Every log line written so far, oldest first. */
    public List<RunLog> logs() {
        return call(reactive.logs().collectList(), "reading the logs of");
    }

    /**
     * The log lines as the run writes them, each once and in order, from the first; the stream
     * ends when the platform says the run writes no more lines. It holds a subscription: close
     * it (try-with-resources) to stop following early.
     * @return the lines, lazily
     */
    public Stream<RunLog> followLogs() {
        return reactive.followLogs().toStream(1);
    }

    /** What the run left behind: files and JSON values by name. */
    public RunOutputs outputs() {
        return call(reactive.outputs(), "reading the outputs of");
    }

    /** Waits for one call about this run; {@code doing} completes "Interrupted while ... run 7 of job 3". */
    private <T> T call(Mono<T> work, String doing) {
        return BlockingWait.block(work, ex -> new CivisRunInterruptedException(jobId(), runId(),
                "Interrupted while " + doing + " run " + runId() + " of job " + jobId() + "; the run goes on", ex));
    }

    @Override
    public String toString() {
        return "CivisRun{job=" + jobId() + ", run=" + runId() + "}";
    }

}
