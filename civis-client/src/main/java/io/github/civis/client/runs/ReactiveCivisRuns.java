package io.github.civis.client.runs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.civis.client.api.ReactiveJobsApi;
import io.github.civis.client.api.ReactiveJsonValuesApi;
import io.github.civis.client.api.ReactiveScriptsApi;
import io.github.civis.client.transport.CivisTransport;
import io.github.civis.client.error.CivisException;
import io.github.civis.client.json.JsonValues;
import io.github.civis.client.model.JobRun;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs of Civis jobs, reactive: start a job or a template, attach to a run, wait for several.
 * Reached as {@code client.reactiveRuns()}. Waiting polls on the client's one timer thread and
 * never blocks a thread; every {@code Mono}/{@code Flux} is lazy and stops polling when its
 * subscriber cancels.
 */
public final class ReactiveCivisRuns {

    private final RunEngine engine;

    ReactiveCivisRuns(RunEngine engine) {
        this.engine = engine;
    }

    /**
     * Runs over a client's API groups; {@code CivisClient.reactiveRuns()} calls this. Prefer
     * that method: it shares the client's timer thread and stops it on close.
     * @param jobs the client's jobs group
     * @param scripts the client's scripts group
     * @param jsonValues the client's JSON values group
     * @param transport the client's transport, for the logs route's headers
     * @param scheduler the timer the client's runs share
     * @return the runs, with the default polling
     */
    public static ReactiveCivisRuns of(ReactiveJobsApi jobs, ReactiveScriptsApi scripts,
            ReactiveJsonValuesApi jsonValues, CivisTransport transport, RunScheduler scheduler) {
        return new ReactiveCivisRuns(new RunEngine(jobs, scripts, jsonValues, transport, scheduler,
                RunPolling.defaults(), null, CivisRunListener.NONE));
    }

    /**
     * The same runs with another polling schedule (same client and timer).
     * @param polling the schedule
     * @return the runs
     */
    public ReactiveCivisRuns withPolling(RunPolling polling) {
        return new ReactiveCivisRuns(engine.withPolling(Objects.requireNonNull(polling, "polling")));
    }

    /**
     * The same runs, telling a listener about waits and polls (e.g. for metrics).
     * @param listener the listener
     * @return the runs
     */
    public ReactiveCivisRuns withListener(CivisRunListener listener) {
        return new ReactiveCivisRuns(engine.withListener(Objects.requireNonNull(listener, "listener")));
    }

    /**
     * The same runs, timing the waits between polls with this timer instead of the client's
     * timer thread; tests pass one that moves a fake clock and completes at once.
     * @param timer the timer
     * @return the runs
     */
    public ReactiveCivisRuns withTimer(RunTimer timer) {
        return new ReactiveCivisRuns(engine.withTimer(Objects.requireNonNull(timer, "timer")));
    }

    /** The polling schedule in use. */
    public RunPolling polling() {
        return engine.polling();
    }

    /**
     * The waiter of these runs: their polling, listener and timer, for the workflows that wait
     * for other things the platform finishes in its own time (queries, imports, refreshes), so
     * that those waits poll, show in metrics and follow a test's timer as runs do.
     * @return the waiter
     */
    public RunWaiter waiter() {
        return engine.waiter;
    }

    /**
     * Starts a run of a job ({@code POST /jobs/{id}/runs}): any script, import, export or other job.
     * @param jobId the job's id
     * @return the run; an error {@code CivisNotFoundException} when there is no such job
     */
    public Mono<ReactiveCivisRun> start(long jobId) {
        return Mono.defer(() -> engine.jobs.postRuns(jobId)).map(run -> run(jobId, run));
    }

    /**
     * A run started elsewhere; read once to check that it exists.
     * @param jobId the job's id
     * @param runId the run's id
     * @return the run; an error {@code CivisNotFoundException} when there is no such job or run
     */
    public Mono<ReactiveCivisRun> attach(long jobId, long runId) {
        return Mono.defer(() -> engine.jobs.getRuns(jobId, runId))
            .map(run -> new ReactiveCivisRun(engine, jobId, runId, run));
    }

    /**
     * Makes a custom script from a template with these arguments ({@code POST /scripts/custom})
     * and starts a run of it.
     * @param templateId the template's id
     * @param arguments the script's arguments by name (strings, numbers, booleans, lists, maps)
     * @return the run of the new script; an error {@code CivisNotFoundException} when there is no such template
     */
    public Mono<ReactiveCivisRun> runTemplate(long templateId, Map<String, ?> arguments) {
        Objects.requireNonNull(arguments, "arguments");
        return Mono.defer(() -> engine.scripts.postCustom(b -> b.fromTemplateId(templateId)
                .arguments(JsonValues.toJson(arguments))))
            .flatMap(script -> {
                Long scriptId = script.id();
                if (scriptId == null) {
                    return Mono.error(new CivisException("The custom script made from template " + templateId
                            + " has no id"));
                }
                return start(scriptId);
            });
    }

    /**
     * Waits for every run, together, at most {@code timeout} in all.
     * @param runs the runs
     * @param timeout a positive duration
     * @return the runs as they ended, in the given order, when all succeeded; else a
     *         {@link CivisRunsFailedException} carrying every run's result (one failure does not
     *         hide the others)
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public Mono<List<JobRun>> awaitAll(Collection<ReactiveCivisRun> runs, Duration timeout) {
        Objects.requireNonNull(runs, "runs");
        CivisRuns.positive(timeout, "timeout");
        List<ReactiveCivisRun> all = List.copyOf(runs);
        return Flux.fromIterable(all)
            .flatMapSequential(run -> run.await(timeout)
                .map(ended -> new RunResult(run.jobId(), run.runId(), ended, null))
                .onErrorResume(CivisException.class,
                        ex -> Mono.just(new RunResult(run.jobId(), run.runId(), null, ex))))
            .collectList()
            .flatMap(results -> results.stream().allMatch(RunResult::succeeded)
                    ? Mono.just(results.stream().map(RunResult::run).toList())
                    : Mono.error(new CivisRunsFailedException(results)));
    }

    ReactiveCivisRun run(long jobId, JobRun run) {
        Long runId = run.id();
        if (runId == null) {
            throw new CivisException("The platform started a run of job " + jobId + " without a run id");
        }
        return new ReactiveCivisRun(engine, jobId, runId, run);
    }

    RunEngine engine() {
        return engine;
    }
}
