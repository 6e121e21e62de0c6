package io.github.civis.client.internal.retry;

import java.time.Duration;

/**
 * Told about every retry before its wait starts, so that metrics and logs can count retries.
 */
@FunctionalInterface
public interface RetryObserver {

    /** An observer that does nothing. */
    RetryObserver NONE = (attempt, failure, delay) -> {
    };

    /**
     * A failed attempt is about to be retried.
     * @param failedAttempt the number of the attempt that failed, starting at 1
     * @param failure why it failed
     * @param delay the wait before the next attempt
     */
    void beforeRetry(int failedAttempt, Throwable failure, Duration delay);
}
