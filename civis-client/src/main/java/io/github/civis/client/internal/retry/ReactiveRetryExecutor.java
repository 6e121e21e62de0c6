package io.github.civis.client.internal.retry;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import io.github.civis.client.error.CivisCallException;
import io.github.civis.client.retry.CivisRetryPolicy;

/**
 * Applies a {@link CivisRetryPolicy} to reactive attempts, re-subscribing to a failed attempt
 * after the policy's wait: the same decisions as {@link BlockingRetryExecutor}, without blocking
 * a thread while waiting.
 */
public final class ReactiveRetryExecutor {

    private final CivisRetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * Creates the executor.
     * @param policy when and how long to wait
     * @param sleeper provides the non-blocking waits ({@link Sleeper#delay})
     * @param clock measures the total time spent
     */
    public ReactiveRetryExecutor(CivisRetryPolicy policy, Sleeper sleeper, Clock clock) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The policy applied. */
    public CivisRetryPolicy policy() {
        return policy;
    }

    /**
     * Wraps an attempt so that it is re-subscribed while the policy allows.
     * @param httpMethod the HTTP verb, which decides what is retryable
     * @param attempt one attempt; must be cold (each subscription sends the request again)
     * @param observer told before each retry
     * @param <T> the result type
     * @return a cold {@code Mono} failing with the last failure once the policy gives up; a
     *         {@link CivisCallException} carries the attempt count
     */
    public <T> Mono<T> apply(String httpMethod, Mono<T> attempt, RetryObserver observer) {
        return Mono.defer(() -> attemptNumber(1, clock.millis(), httpMethod, attempt, observer));
    }

    /**
     * Attempt {@code made}, and on failure the next one after the policy's wait. A call that
     * succeeds at once pays for one {@code onErrorResume}; {@code retryWhen} would set up a
     * companion flux of failure signals for every call, retried or not.
     */
    private <T> Mono<T> attemptNumber(int made, long start, String httpMethod, Mono<T> attempt,
            RetryObserver observer) {
        return attempt.onErrorResume(failure -> {
            Duration elapsed = Duration.ofMillis(Math.max(0, clock.millis() - start));
            Duration delay = policy.nextDelay(httpMethod, failure, made, elapsed);
            if (delay == null) {
                if (failure instanceof CivisCallException call) {
                    call.recordAttempts(made);
                }
                return Mono.error(failure);
            }
            observer.beforeRetry(made, failure, delay);
            return sleeper.delay(delay)
                    .then(Mono.defer(() -> attemptNumber(made + 1, start, httpMethod, attempt, observer)));
        });
    }
}
