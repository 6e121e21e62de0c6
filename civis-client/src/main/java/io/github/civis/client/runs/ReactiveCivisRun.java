package io.github.civis.client.runs;

import java.time.Duration;

import io.github.civis.client.error.CivisNotFoundException;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.JobRunOutput;
import io.github.civis.client.model.RunLog;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One run of a Civis job, reactive. Every method is lazy: nothing is called until subscription,
 * and cancelling the subscriber stops the polling at once (the run itself goes on).
 */
public final class ReactiveCivisRun {

    private final RunEngine engine;
    private final long jobId;
    private final long runId;
    private final @Nullable JobRun known;

    ReactiveCivisRun(RunEngine engine, long jobId, long runId, @Nullable JobRun known) {
        this.engine = engine;
        this.jobId = jobId;
        this.runId = runId;
        this.known = known;
    }

    /** The job's id. */
    public long jobId() {
        return jobId;
    }

    /** The run's id. */
    public long runId() {
        return runId;
    }

    /** The run as the platform shows it now (one call). */
    public Mono<JobRun> refresh() {
        return Mono.defer(() -> engine.jobs.getRuns(jobId, runId));
    }

    /** The run's state now (one call). */
    public Mono<RunState> state() {
        return refresh().map(run -> RunState.of(run.state()));
    }

    /**
     * Waits until the run ends, polling on the client's schedule.
     * @return the run as it ended, when it succeeded; else an error: {@link CivisRunFailedException}
     *         when it failed or was cancelled
     */
    public Mono<JobRun> await() {
        return engine.awaitSuccess(jobId, runId, known, null);
    }

    /**
     * Waits until the run ends, at most {@code timeout}.
     * @param timeout a positive duration
     * @return the run as it ended, when it succeeded; else an error: {@link CivisRunFailedException}
     *         when it failed or was cancelled, {@link CivisRunTimeoutException} when it was still
     *         going after {@code timeout} (it goes on)
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public Mono<JobRun> await(Duration timeout) {
        return engine.awaitSuccess(jobId, runId, known, CivisRuns.positive(timeout, "timeout"));
    }

    /**
     * Cancels the run. A run that has already ended cannot be cancelled (the platform answers
     * 404); that is not an error here: the run is read again and its real final state emitted.
     * @return the state after the cancel: {@link RunState#CANCELLED}, or the state the run had
     *         already ended in
     */
    public Mono<RunState> cancel() {
        return Mono.defer(() -> engine.jobs.deleteRuns(jobId, runId))
            .onErrorResume(CivisNotFoundException.class, notFound -> refresh()
                .onErrorMap(CivisNotFoundException.class, gone -> notFound)
                .filter(run -> RunState.of(run.state()).isFinal())
                .switchIfEmpty(Mono.error(notFound))
                .then())
            .then(state());
    }

    /** Every log line written so far, oldest first. */
    public Flux<RunLog> logs() {
        return Flux.defer(() -> engine.logs(jobId, runId));
    }

    /**
     * The log lines as the run writes them, each once and in order, from the first; completes
     * when the platform says the run writes no more lines. Cancel the subscription to stop early.
     */
    public Flux<RunLog> followLogs() {
        return engine.follow(jobId, runId);
    }

    /** What the run left behind, JSON values included. */
    public Mono<RunOutputs> outputs() {
        return Flux.defer(() -> engine.jobs.listAllRunsOutputs(jobId, runId))
            .concatMap(this::withValue)
            .collectList()
            .map(outputs -> new RunOutputs(jobId, runId, outputs));
    }

    /** A JSON value output with its value: read from the JSON value when the listing left it out. */
    private Mono<JobRunOutput> withValue(JobRunOutput output) {
        if (!"JSONValue".equalsIgnoreCase(output.objectType()) || output.value() != null || output.objectId() == null) {
            return Mono.just(output);
        }
        return engine.jsonValues.get(output.objectId()).map(value -> {
            tools.jackson.databind.node.ObjectNode json = ((tools.jackson.databind.node.ObjectNode) output.json()).deepCopy();
            json.set("value", value.value());
            return new JobRunOutput(json);
        });
    }

    @Override
    public String toString() {
        return "ReactiveCivisRun{job=" + jobId + ", run=" + runId + "}";
    }
}
