package io.github.civis.client.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.civis.client.api.JobsOperations;
import io.github.civis.client.api.ReactiveJobsApi;
import io.github.civis.client.api.ReactiveJsonValuesApi;
import io.github.civis.client.api.ReactiveScriptsApi;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisException;
import io.github.civis.client.error.CivisRateBudgetException;
import io.github.civis.client.error.CivisRateLimitException;
import io.github.civis.client.error.CivisServerException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.internal.ratelimit.RateBudget;
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
    final RunPolling polling;
    private final @Nullable RunTimer timer;
    private final CivisRunListener listener;
    /** The client's rate budget, whose poll share bounds the polls of every awaited run; null for other transports. */
    private final @Nullable RateBudget budget;

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
        this.budget = (transport instanceof DefaultCivisTransport direct) ? direct.rateBudget() : null;
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

    // --- waiting

    /** Waits on the shared timer (or the injected timer) without blocking a thread. */
    Mono<Void> pause(Duration duration) {
        return (timer != null) ? timer.delay(duration) : Mono.delay(duration, scheduler.get()).then();
    }

    Duration pollDelay(int poll) {
        Duration delay = polling.delay(poll, ThreadLocalRandom.current().nextDouble());
        if (budget == null) {
            return delay;
        }
        // many runs awaited at once poll less often, so that together they keep to the poll share
        Duration shortest = budget.pollInterval();
        return (delay.compareTo(shortest) < 0) ? shortest : delay;
    }

    /**
     * Polls the run until it ends and emits it as it ended. A poll that fails for any reason but
     * a lasting one (see {@link #isSkippable}) is skipped; at the polling's limit of failed polls
     * in a row the wait ends with {@link CivisRunPollingException}. A lasting error (the run is
     * gone, the key is refused) ends the wait with that error.
     */
    Mono<JobRun> untilEnded(long jobId, long runId) {
        return Mono.defer(() -> {
            AtomicInteger poll = new AtomicInteger();
            AtomicInteger failedInARow = new AtomicInteger();
            Mono<Void> pollShare = (budget != null) ? budget.acquirePoll() : Mono.empty();
            Mono<JobRun> ended = Mono.defer(() -> pause(pollDelay(poll.getAndIncrement()))
                    .then(pollShare)
                    .then(Mono.defer(() -> jobs.getRuns(jobId, runId)))
                    // The state is read here so that an answer without a readable one is a failed poll too.
                    .map(run -> new Polled(run, RunState.of(run.state())))
                    .doOnNext(polled -> {
                        failedInARow.set(0);
                        notify(() -> listener.polled(jobId, runId, polled.state()));
                    })
                    .onErrorResume(RunEngine::isSkippable,
                            ex -> failedPoll(jobId, runId, ex, failedInARow.incrementAndGet())))
                .filter(polled -> polled.state().isFinal())
                .map(Polled::run)
                .repeatWhenEmpty(Integer.MAX_VALUE, repeats -> repeats);
            if (budget == null) {
                return ended;
            }
            RateBudget counted = budget;
            return ended.doOnSubscribe(subscription -> counted.runAwaited(1))
                .doFinally(signal -> counted.runAwaited(-1));
        });
    }

    /** A run as one poll read it. */
    private record Polled(JobRun run, RunState state) {
    }

    private <T> Mono<T> failedPoll(long jobId, long runId, Throwable ex, int inARow) {
        notify(() -> listener.pollFailed(jobId, runId, ex, inARow));
        if (inARow >= polling.maxConsecutiveFailedPolls()) {
            return Mono.error(new CivisRunPollingException(jobId, runId, inARow, ex));
        }
        logger.warn("Reading run " + runId + " of job " + jobId + " failed (" + inARow + " in a row, the wait gives up at "
                + polling.maxConsecutiveFailedPolls() + "); polling goes on: " + ex.getMessage());
        return Mono.empty();
    }

    private static <T> Mono<T> skipped(long jobId, long runId, Throwable ex) {
        logger.warn("Reading run " + runId + " of job " + jobId + " failed; polling goes on: " + ex.getMessage());
        return Mono.empty();
    }

    /** Whether a failed call may work when tried again later. */
    static boolean isTransient(Throwable ex) {
        return ex instanceof CivisServerException || ex instanceof CivisRateLimitException
                || ex instanceof CivisTransportException || ex instanceof CivisRateBudgetException;
    }

    /**
     * Whether a failed poll is skipped: every failure of the client's (a malformed or oversized
     * answer, a value of the wrong type, a server error, a lost connection) except an answer that
     * will not change when asked again, a 4xx other than 429 (the run is gone, the key is refused).
     */
    static boolean isSkippable(Throwable ex) {
        if (ex instanceof CivisApiException api) {
            return isTransient(api);
        }
        return ex instanceof CivisException;
    }

    /**
     * Waits for the run to succeed: emits it as it ended, or fails with
     * {@link CivisRunFailedException} (with the log tail) when it failed or was cancelled, or
     * {@link CivisRunTimeoutException} after {@code timeout} (when not {@code null}). Tells the
     * listener when the wait starts and how it ends.
     */
    Mono<JobRun> awaitSuccess(long jobId, long runId, @Nullable JobRun known, @Nullable Duration timeout) {
        Mono<JobRun> ended = (known != null && RunState.of(known.state()).isFinal()) ? Mono.just(known)
                : untilEnded(jobId, runId);
        if (timeout != null) {
            ended = ended.timeout(timeout, scheduler.get())
                .onErrorMap(TimeoutException.class, ex -> new CivisRunTimeoutException(jobId, runId, timeout));
        }
        Mono<JobRun> succeeded = ended.flatMap(run -> RunState.of(run.state()) == RunState.SUCCEEDED ? Mono.just(run)
                : failure(jobId, runId, run).flatMap(Mono::error));
        return observed(jobId, runId, succeeded);
    }

    private Mono<JobRun> observed(long jobId, long runId, Mono<JobRun> wait) {
        return Mono.defer(() -> {
            AtomicBoolean ended = new AtomicBoolean();
            long[] started = new long[1];
            Consumer<AwaitOutcome> end = outcome -> {
                if (ended.compareAndSet(false, true)) {
                    Duration waited = Duration.ofNanos(System.nanoTime() - started[0]);
                    notify(() -> listener.awaitEnded(jobId, runId, outcome, waited));
                }
            };
            // Told before the caller sees the result (so a caller reading metrics afterwards sees
            // this wait counted); a cancel is caught in doFinally, which also covers a subscriber
            // that cancels while the subscription is still being set up.
            return wait.doOnSubscribe(subscription -> {
                started[0] = System.nanoTime();
                notify(() -> listener.awaitStarted(jobId, runId));
            })
                .doOnSuccess(run -> end.accept(AwaitOutcome.SUCCEEDED))
                .doOnError(ex -> end.accept(outcomeOf(ex)))
                .doFinally(signal -> end.accept(AwaitOutcome.STOPPED));
        });
    }

    private static AwaitOutcome outcomeOf(Throwable ex) {
        if (ex instanceof CivisRunFailedException failed) {
            return AwaitOutcome.of(failed.finalState());
        }
        return (ex instanceof CivisRunTimeoutException) ? AwaitOutcome.TIMEOUT : AwaitOutcome.ERROR;
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

    private void notify(Runnable call) {
        try {
            call.run();
        }
        catch (RuntimeException ex) {
            logger.warn("A run listener failed; waiting goes on", ex);
        }
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
                    .onErrorResume(RunEngine::isTransient, ex -> skipped(jobId, runId, ex)
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
            return callAtOnce ? Mono.empty() : pause(pollDelay(idlePolls++));
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
