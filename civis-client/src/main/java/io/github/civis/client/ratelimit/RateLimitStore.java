package io.github.civis.client.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where the buckets of a rate budget live: in the client ({@link LocalRateLimitStore}, the
 * default) or in a store shared by every instance that uses the key (the Spring Boot starter's
 * Redis store). A bucket is a log of the times at which calls were (or will be) sent: a call
 * reserves the earliest time at which the bucket's limit still holds over any window, and waits
 * until then. Implementations must be thread-safe and must never block.
 */
public interface RateLimitStore {

    /**
     * Reserves one request in a bucket, at the earliest time at which the limit holds, unless
     * that is further away than {@code maxWait}.
     * @param bucketKey the bucket: a fingerprint of the key and the bucket's label, never the key itself
     * @param limit the bucket's limit
     * @param maxWait the longest wait worth reserving for
     * @return the reservation (or the refusal to reserve), never an error for a full bucket
     */
    Mono<Reservation> reserve(String bucketKey, RateLimit limit, Duration maxWait);

    /**
     * Takes the platform's own count into account: when it reports fewer requests remaining
     * than the bucket holds, the difference is taken from the bucket now.
     * @param bucketKey the bucket
     * @param limit the bucket's limit
     * @param remaining the platform's {@code X-RateLimit-Remaining}
     * @return completes when done
     */
    Mono<Void> follow(String bucketKey, RateLimit limit, long remaining);

    /**
     * Times this store fell back to a local share of the limits because the shared store could
     * not be reached; always 0 for a store that shares nothing.
     * @return the count
     */
    default long fallbacks() {
        return 0;
    }

    /**
     * The answer to a reservation.
     *
     * @param reserved whether a request was reserved
     * @param delay how long until the reserved time (or, when not reserved, until the earliest one)
     * @param available requests left in the bucket after this one, for a gauge
     */
    record Reservation(boolean reserved, Duration delay, long available) {
    }
}
