package io.github.civis.client.observation;

import java.time.Duration;
import java.util.List;

import io.github.civis.client.ratelimit.RateBucket;
import io.github.civis.client.ratelimit.RateLimitStatus;

/**
 * Hooks for metrics that do not fit an observation: a retry counter and the rate-limit gauge.
 * The Spring Boot module registers one that increments {@code civis.client.retries}; plain Java
 * users may pass their own to {@code CivisClient.builder().listener(...)}. Called on the thread
 * that handles the response, so implementations must be quick and thread-safe.
 */
public interface CivisClientListener {

    /** A listener that does nothing. */
    CivisClientListener NONE = new CivisClientListener() {
    };

    /**
     * A failed attempt is about to be retried.
     * @param event what failed and how long the client waits
     */
    default void onRetry(CivisRetryEvent event) {
    }

    /**
     * A response reported rate-limit headers.
     * @param status the latest status
     */
    default void onRateLimit(RateLimitStatus status) {
    }

    /**
     * A call drew from its key's rate budget, after waiting for room (zero when there was room).
     * Also told when it waited in vain and was not sent.
     * @param bucket the bucket drawn from
     * @param waited how long the call waited
     */
    default void onRateLimitWait(RateBucket bucket, Duration waited) {
    }

    /**
     * A listener that tells each of the given ones, in order.
     * @param listeners the listeners
     * @return the combined listener
     */
    static CivisClientListener composite(List<? extends CivisClientListener> listeners) {
        List<CivisClientListener> copy = List.copyOf(listeners);
        return new CivisClientListener() {
            @Override
            public void onRetry(CivisRetryEvent event) {
                copy.forEach(listener -> listener.onRetry(event));
            }

            @Override
            public void onRateLimit(RateLimitStatus status) {
                copy.forEach(listener -> listener.onRateLimit(status));
            }

            @Override
            public void onRateLimitWait(RateBucket bucket, Duration waited) {
                copy.forEach(listener -> listener.onRateLimitWait(bucket, waited));
            }
        };
    }
}
