package io.github.civis.client.runs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisException;
import io.github.civis.client.error.CivisRateBudgetException;
import io.github.civis.client.error.CivisRateLimitException;
import io.github.civis.client.error.CivisServerException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.internal.ratelimit.RateBudget;

/**
 * The one place a client waits for something the platform finishes in its own time: a run, a
 * query, an import, a table copy, a table refresh. Every wait polls on the runs' schedule
 * ({@link RunPolling}) through the runs' timer ({@link RunTimer}, the client's one timer thread
 * unless a test passes its own), keeps to the poll share of the rate budget, and tells the runs'
 * {@link CivisRunListener} when it starts, each poll, and how it ends, so every wait shows in the
 * run metrics. Obtained from {@link ReactiveCivisRuns#waiter()}, so a workflow built over runs
 * waits with their polling, listener and timer. Never blocks a thread.
 */
public final class RunWaiter {

    private static final Log logger = LogFactory.getLog(RunWaiter.class);

    private final RunScheduler scheduler;
    private final RunPolling polling;
    private final @Nullable RunTimer timer;
    private final CivisRunListener listener;
    /** The client's rate budget, whose poll share bounds every wait's polls; null for other transports. */
    private final @Nullable RateBudget budget;

    RunWaiter(RunScheduler scheduler, RunPolling polling, @Nullable RunTimer timer, CivisRunListener listener,
            @Nullable RateBudget budget) {
        this.scheduler = scheduler;
        this.polling = polling;
        this.timer = timer;
        this.listener = listener;
        this.budget = budget;
    }

    /** The polling schedule every wait keeps to. */
    public RunPolling polling() {
        return polling;
    }

    /**
     * Waits until a polled thing reaches a final state, then hands its last reading to
     * {@code onEnd}, which turns it into the result or an error. The listener is told
     * {@link CivisRunListener#awaitStarted} on subscription, {@link CivisRunListener#polled} per
     * reading and {@link CivisRunListener#awaitEnded} once, with the outcome: succeeded when
     * {@code onEnd} emits, else as its error says ({@link CivisRunFailedException}'s state,
     * {@link CivisRunTimeoutException} as a timeout, anything else as an error).
     *
     * <p>A reading that fails for a reason that may pass (a 5xx, a lost connection, a malformed
     * answer) is skipped; at {@link RunPolling#maxConsecutiveFailedPolls()} in a row the wait
     * ends with {@link CivisRunPollingException}. A lasting error (a 4xx other than 429) ends it
     * at once with that error.
     *
     * @param jobId what is awaited, as the listener and the exceptions name it (a job, a query, a table)
     * @param runId its run, or 0 when not known
     * @param known a reading already in hand (the answer that started the work), or {@code null}
     * @param read one reading, made anew for each poll
     * @param stateOf the state a reading reports
     * @param timeout the longest wait, or {@code null} to wait until it ends
     * @param onEnd the result of the final reading, or an error
     * @param <T> a reading
     * @param <R> the result
     * @return the result; lazy, and cancelling it stops the polling
     */
    public <T, R> Mono<R> await(long jobId, long runId, @Nullable T known, Supplier<? extends Mono<T>> read,
            Function<? super T, RunState> stateOf, @Nullable Duration timeout,
            Function<? super T, ? extends Mono<R>> onEnd) {
        return Mono.defer(() -> {
            Mono<T> ended = (known != null && stateOf.apply(known).isFinal()) ? Mono.just(known)
                    : untilEnded(jobId, runId, read, stateOf);
            if (timeout != null) {
                ended = ended.timeout(timeout, scheduler.get())
                    .onErrorMap(TimeoutException.class, ex -> new CivisRunTimeoutException(jobId, runId, timeout));
            }
            return observed(jobId, runId, ended.flatMap(onEnd));
        });
    }

    /** Waits on the shared timer (or the injected timer) without blocking a thread. */
    Mono<Void> pause(Duration duration) {
        return (timer != null) ? timer.delay(duration) : Mono.delay(duration, scheduler.get()).then();
    }

    Duration pollDelay(int poll) {
        Duration delay = polling.delay(poll, ThreadLocalRandom.current().nextDouble());
        if (budget == null) {
            return delay;
        }
        // many waits at once poll less often, so that together they keep to the poll share
        Duration shortest = budget.pollInterval();
        return (delay.compareTo(shortest) < 0) ? shortest : delay;
    }

    /**
     * Polls until a reading's state is final and emits that reading; failed polls are handled as
     * {@link #await} says. Tells the listener of polls, not of the wait's start and end.
     */
    <T> Mono<T> untilEnded(long jobId, long runId, Supplier<? extends Mono<T>> read,
            Function<? super T, RunState> stateOf) {
        return Mono.defer(() -> {
            AtomicInteger poll = new AtomicInteger();
            AtomicInteger failedInARow = new AtomicInteger();
            Mono<Void> pollShare = (budget != null) ? budget.acquirePoll() : Mono.empty();
            Mono<T> ended = Mono.defer(() -> pause(pollDelay(poll.getAndIncrement()))
                    .then(pollShare)
                    .then(Mono.defer(read))
                    // The state is read here so that an answer without a readable one is a failed poll too.
                    .map(reading -> new Polled<T>(reading, stateOf.apply(reading)))
                    .doOnNext(polled -> {
                        failedInARow.set(0);
                        notify(() -> listener.polled(jobId, runId, polled.state()));
                    })
                    .onErrorResume(RunWaiter::isSkippable,
                            ex -> failedPoll(jobId, runId, ex, failedInARow.incrementAndGet())))
                .filter(polled -> polled.state().isFinal())
                .map(Polled::reading)
                .repeatWhenEmpty(Integer.MAX_VALUE, repeats -> repeats);
            if (budget == null) {
                return ended;
            }
            RateBudget counted = budget;
            return ended.doOnSubscribe(subscription -> counted.runAwaited(1))
                .doFinally(signal -> counted.runAwaited(-1));
        });
    }

    /** A thing as one poll read it. */
    private record Polled<T>(T reading, RunState state) {
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

    /** Whether a failed call may work when tried again later. */
    static boolean isTransient(Throwable ex) {
        return ex instanceof CivisServerException || ex instanceof CivisRateLimitException
                || ex instanceof CivisTransportException || ex instanceof CivisRateBudgetException;
    }

    /**
     * Whether a failed poll is skipped: every failure of the client's (a malformed or oversized
     * answer, a value of the wrong type, a server error, a lost connection) except an answer that
     * will not change when asked again, a 4xx other than 429 (the thing is gone, the key is refused).
     */
    static boolean isSkippable(Throwable ex) {
        if (ex instanceof CivisApiException api) {
            return isTransient(api);
        }
        return ex instanceof CivisException;
    }

    private <R> Mono<R> observed(long jobId, long runId, Mono<R> wait) {
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
                .doOnSuccess(result -> end.accept(AwaitOutcome.SUCCEEDED))
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

    void notify(Runnable call) {
        try {
            call.run();
        }
        catch (RuntimeException ex) {
            logger.warn("A run listener failed; waiting goes on", ex);
        }
    }
}
