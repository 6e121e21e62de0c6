package io.github.civis.client.internal.retry;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import io.github.civis.client.error.CivisCallException;
import io.github.civis.client.retry.CivisRetryPolicy;

/**
 * Runs blocking attempts under a {@link CivisRetryPolicy} with Spring Framework's
 * {@link RetryTemplate}. Thread-safe: each call gets its own small template, because the wait
 * depends on the call's own last failure ({@code Retry-After}) and attempt count.
 *
 * <p>{@code RetryTemplate} would pause the thread itself for the back-off it is given; to honour
 * {@code Retry-After}, answer interrupts and use the injectable {@link Sleeper}, the back-off
 * execution waits through the sleeper itself and reports a zero wait to the template.
 */
public final class BlockingRetryExecutor {

    private final CivisRetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * Creates the executor.
     * @param policy when and how long to wait
     * @param sleeper waits between attempts
     * @param clock measures the total time spent
     */
    public BlockingRetryExecutor(CivisRetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The policy applied. */
    public CivisRetryPolicy policy() {
        return policy;
    }

    /**
     * Runs an attempt, repeating it while the policy allows.
     * @param name the call, for Spring's retry logging
     * @param httpMethod the HTTP verb, which decides what is retryable
     * @param attempt one attempt; throws on failure
     * @param observer told before each retry
     * @param <T> the result type
     * @return the result of the first successful attempt
     * @throws RuntimeException the last failure; a {@link CivisCallException} carries the attempt count
     */
    public <T> T execute(String name, String httpMethod, Supplier<T> attempt, RetryObserver observer) {
        CallState state = new CallState(clock.millis());
        PerCallPolicy perCall = new PerCallPolicy(state, httpMethod, observer);
        // The first attempt runs without the template: most calls succeed at once, and they
        // need none of its machinery. A failure goes through the same policy and wait as a
        // failure inside the template, which then makes the further attempts.
        state.attempts = 1;
        try {
            return attempt.get();
        }
        catch (RuntimeException | Error first) {
            if (!perCall.shouldRetry(first) || perCall.getBackOff().start().nextBackOff() == BackOffExecution.STOP) {
                if (first instanceof CivisCallException call) {
                    call.recordAttempts(state.attempts);
                }
                throw first;
            }
        }
        RetryTemplate template = new RetryTemplate(perCall);
        try {
            return template.execute(new Retryable<T>() {
                @Override
                public T execute() {
                    state.attempts++;
                    return attempt.get();
                }

                @Override
                public String getName() {
                    return name;
                }
            });
        }
        catch (RetryException ex) {
            Throwable last = ex.getLastException();
            if (last instanceof CivisCallException call) {
                call.recordAttempts(state.attempts);
            }
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (last instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Unexpected checked failure of " + name, last);
        }
    }

    /** Mutable facts of one call; only touched by the calling thread. */
    private static final class CallState {

        private final long startMillis;
        private int attempts;
        private @Nullable Duration pendingDelay;

        CallState(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    /**
     * Adapts the shared policy to one call: {@code RetryTemplate} asks {@link #shouldRetry}
     * with the failure right before asking the back-off for the wait, so the decision made there
     * carries over.
     */
    private final class PerCallPolicy implements RetryPolicy {

        private final CallState state;
        private final String httpMethod;
        private final RetryObserver observer;

        PerCallPolicy(CallState state, String httpMethod, RetryObserver observer) {
            this.state = state;
            this.httpMethod = httpMethod;
            this.observer = observer;
        }

        @Override
        public boolean shouldRetry(Throwable failure) {
            Duration elapsed = Duration.ofMillis(Math.max(0, clock.millis() - state.startMillis));
            Duration delay = policy.nextDelay(httpMethod, failure, state.attempts, elapsed);
            state.pendingDelay = delay;
            if (delay != null) {
                observer.beforeRetry(state.attempts, failure, delay);
            }
            return delay != null;
        }

        @Override
        public BackOff getBackOff() {
            return () -> new BackOffExecution() {
                @Override
                public long nextBackOff() {
                    Duration delay = state.pendingDelay;
                    if (delay == null) {
                        return STOP;
                    }
                    try {
                        sleeper.sleep(delay);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return STOP;
                    }
                    return 0;
                }
            };
        }
    }
}
