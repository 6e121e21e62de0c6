package io.github.civis.client.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.civis.client.api.JobsOperations;
import io.github.civis.client.api.ReactiveJobsApi;
import io.github.civis.client.api.ReactiveJsonValuesApi;
import io.github.civis.client.api.ReactiveScriptsApi;
import io.github.civis.client.internal.transport.DefaultCivisTransport;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.RunLog;
import io.github.civis.client.pagination.PageInfo;
import io.github.civis.client.request.JobsListRunsLogsRequest;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.transport.CivisTransport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every run of a client shares: the API groups, the polling schedule, the one timer
 * thread, and the listener. Waiting is reactive throughout; the blocking API waits on it.
 */
final class RunEngine {

    private static final Log logger = LogFactory.getLog(RunEngine.class);

    /** Lines asked for per call of the logs route. */
    static final int LOG_PAGE_SIZE = 250;

    final ReactiveJobsApi jobs;
    final ReactiveScriptsApi scripts;
    final ReactiveJsonValuesApi jsonValues;
    private final CivisTransport transport;
    private final RunScheduler scheduler;
    private final RunPolling polling;
    private final @Nullable RunTimer timer;
    private final CivisRunListener listener;
    /** The one waiter: every wait of these runs, and of the workflows built over them. */
    final RunWaiter waiter;

    RunEngine(ReactiveJobsApi jobs, ReactiveScriptsApi scripts, ReactiveJsonValuesApi jsonValues,
            CivisTransport transport, RunScheduler scheduler, RunPolling polling, @Nullable RunTimer timer,
            CivisRunListener listener) {
        this.jobs = jobs;
        this.scripts = scripts;
        this.jsonValues = jsonValues;
        this.transport = transport;
        this.scheduler = scheduler;
        this.polling = polling;
        this.timer = timer;
        this.listener = listener;
        this.waiter = new RunWaiter(scheduler, polling, timer, listener,
                (transport instanceof DefaultCivisTransport direct) ? direct.rateBudget() : null);
    }

    RunEngine withPolling(RunPolling newPolling) {
        return new RunEngine(jobs, scripts, jsonValues, transport, scheduler, newPolling, timer, listener);
    }

    RunEngine withTimer(RunTimer newTimer) {
        return new RunEngine(jobs, scripts, jsonValues, transport, scheduler, polling, newTimer, listener);
    }

    RunEngine withListener(CivisRunListener newListener) {
        return new RunEngine(jobs, scripts, jsonValues, transport, scheduler, polling, timer, newListener);
    }

    RunPolling polling() {
        return polling;
    }

    // --- waiting, through the one waiter

    /**
     * Waits for the run to succeed: emits it as it ended, or fails with
     * {@link CivisRunFailedException} (with the log tail) when it failed or was cancelled, or
     * {@link CivisRunTimeoutException} after {@code timeout} (when not {@code null}). Tells the
     * listener when the wait starts and how it ends.
     */
    Mono<JobRun> awaitSuccess(long jobId, long runId, @Nullable JobRun known, @Nullable Duration timeout) {
        return waiter.await(jobId, runId, known, () -> jobs.getRuns(jobId, runId), RunEngine::stateOf, timeout,
                run -> RunState.of(run.state()) == RunState.SUCCEEDED ? Mono.just(run)
                        : failure(jobId, runId, run).flatMap(Mono::error));
    }

    /** Polls the run until it ends and emits it as it ended; see {@link RunWaiter#await}. */
    Mono<JobRun> untilEnded(long jobId, long runId) {
        return waiter.untilEnded(jobId, runId, () -> jobs.getRuns(jobId, runId), RunEngine::stateOf);
    }

    private static RunState stateOf(JobRun run) {
        return RunState.of(run.state());
    }

    private static <T> Mono<T> skipped(long jobId, long runId, Throwable ex) {
        logger.warn("Reading run " + runId + " of job " + jobId + " failed; polling goes on: " + ex.getMessage());
        return Mono.empty();
    }

    /** The exception for a run that ended without success, with the tail of its log. */
    Mono<CivisRunFailedException> failure(long jobId, long runId, JobRun run) {
        return logs(jobId, runId).map(RunEngine::logText).collectList()
            .onErrorResume(ex -> {
                logger.warn("Cannot read the log of run " + runId + " of job " + jobId + ": " + ex.getMessage());
                return Mono.just(List.of());
            })
            .map(lines -> new CivisRunFailedException(jobId, runId, RunState.of(run.state()), run.error(), lines));
    }

    private static String logText(RunLog line) {
        String message = line.message();
        return (message != null) ? message : "";
    }

    // --- logs

    /** One call of the logs route, with the headers that say whether more lines may come. */
    Mono<RunLogPage> logPage(long jobId, long runId, long lastId) {
        JobsListRunsLogsRequest request = JobsListRunsLogsRequest.builder().lastId(lastId).limit(LOG_PAGE_SIZE).build();
        return transport.callReactive(JobsOperations.LIST_RUNS_LOGS,
                CallArguments.of(JobsOperations.LIST_RUNS_LOGS, List.of(jobId, runId), request), (body, metadata) -> {
                    List<RunLog> lines = new ArrayList<>(CivisList.read(body, PageInfo.none(), RunLog::new));
                    lines.sort(Comparator.comparing(line -> (line.id() != null) ? line.id() : 0L));
                    String maxId = metadata.headers().getFirst(RunLogPage.MAX_ID_HEADER);
                    String cache = metadata.headers().getFirst(RunLogPage.CACHE_CONTROL_HEADER);
                    return new RunLogPage(lines, parseLong(maxId),
                            (cache != null) ? cache.trim().equalsIgnoreCase("no-store") : null);
                });
    }

    private static @Nullable Long parseLong(@Nullable String text) {
        try {
            return (text != null) ? Long.parseLong(text.trim()) : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    /** Every line written so far, oldest first, page by page. */
    Flux<RunLog> logs(long jobId, long runId) {
        return logPage(jobId, runId, 0)
            .expand(page -> page.lines().size() >= LOG_PAGE_SIZE ? logPage(jobId, runId, lastIdOf(page, 0))
                    : Mono.empty())
            .concatMapIterable(RunLogPage::lines);
    }

    private static long lastIdOf(RunLogPage page, long previous) {
        long last = previous;
        for (RunLog line : page.lines()) {
            if (line.id() != null) {
                last = Math.max(last, line.id());
            }
        }
        return last;
    }

    /**
     * Every line as it is written, each once, ending when the platform says no more lines can
     * come ({@code civis-cache-control} other than {@code no-store}); when the server sends no
     * such header, ending once the run has ended and no line is left to read.
     */
    Flux<RunLog> follow(long jobId, long runId) {
        return Flux.defer(() -> {
            FollowState state = new FollowState();
            return Mono.defer(() -> state.beforeNextCall()
                    .then(logPage(jobId, runId, state.lastId))
                    .flatMap(page -> state.needsRunState(page) ? jobs.getRuns(jobId, runId)
                        .map(run -> state.accept(page, RunState.of(run.state()).isFinal()))
                            : Mono.just(state.accept(page, false)))
                    .onErrorResume(RunWaiter::isTransient, ex -> skipped(jobId, runId, ex)
                        .then(Mono.fromSupplier(state::afterFailedCall))))
                .repeat(() -> !state.done)
                .concatMapIterable(lines -> lines);
        });
    }

    /** Where a follower is: the last line read, the lines seen, and whether to wait before the next call. */
    private final class FollowState {

        private long lastId;
        private final Set<Long> seen = new HashSet<>();
        private boolean callAtOnce = true;
        private int idlePolls;
        private volatile boolean done;

        Mono<Void> beforeNextCall() {
            return callAtOnce ? Mono.empty() : waiter.pause(waiter.pollDelay(idlePolls++));
        }

        boolean needsRunState(RunLogPage page) {
            return page.mayWriteMore() == null && !hasMore(page);
        }

        private boolean hasMore(RunLogPage page) {
            long last = lastIdOf(page, lastId);
            return page.lines().size() >= LOG_PAGE_SIZE || page.maxId() != null && page.maxId() > last;
        }

        List<RunLog> accept(RunLogPage page, boolean runEnded) {
            List<RunLog> fresh = new ArrayList<>();
            for (RunLog line : page.lines()) {
                Long id = line.id();
                if (id == null || seen.add(id)) {
                    fresh.add(line);
                }
            }
            boolean more = hasMore(page);
            lastId = lastIdOf(page, lastId);
            if (!fresh.isEmpty()) {
                idlePolls = 0;
            }
            callAtOnce = more;
            boolean ended = (page.mayWriteMore() != null) ? !page.mayWriteMore() : runEnded;
            done = !more && ended;
            return fresh;
        }

        List<RunLog> afterFailedCall() {
            callAtOnce = false;
            return List.of();
        }
    }
}
