package io.github.civis.client.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The client's rate budget: two buckets per API key (general and run-creating) that every call
 * draws from before it is sent, waiting (without holding a thread) for room rather than drawing
 * a 429, up to {@code maxWait}.
 *
 * @param enabled whether calls draw from the budget at all
 * @param general the general limit, by default the platform's {@code 1000/300s}
 * @param runCreating the run-creating limit, by default the platform's {@code 100/300s}
 * @param maxWait the longest a call waits for room; beyond it, it fails with
 *        {@link io.github.civis.client.error.CivisRateBudgetException}
 * @param pollShare the largest share of the general limit that awaiting runs spends on polling,
 *        above 0 and at most 1
 */
public record RateLimitSettings(boolean enabled, RateLimit general, RateLimit runCreating, Duration maxWait,
        double pollShare) {

    private static final RateLimitSettings DEFAULTS = new RateLimitSettings(true, RateLimit.PLATFORM_GENERAL,
            RateLimit.PLATFORM_RUN_CREATING, Duration.ofSeconds(60), 0.5);

    /**
     * Checks the values.
     * @throws IllegalArgumentException naming the value at fault
     */
    public RateLimitSettings {
        Objects.requireNonNull(general, "general");
        Objects.requireNonNull(runCreating, "runCreating");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        if (!(pollShare > 0 && pollShare <= 1)) {
            throw new IllegalArgumentException("pollShare must be above 0 and at most 1, was " + pollShare);
        }
    }

    /** Enabled, with the platform's limits, a longest wait of 60 s and half of the general limit for polling. */
    public static RateLimitSettings defaults() {
        return DEFAULTS;
    }

    /** No budget: calls are sent at once, and a 429 is retried as the retry policy says. */
    public static RateLimitSettings disabled() {
        return DEFAULTS.withEnabled(false);
    }

    /**
     * The limit of a bucket.
     * @param bucket the bucket
     * @return its limit
     */
    public RateLimit limit(RateBucket bucket) {
        return (bucket == RateBucket.GENERAL) ? general : runCreating;
    }

    /**
     * The same settings, enabled or not.
     * @param enabled whether calls draw from the budget
     * @return the copy
     */
    public RateLimitSettings withEnabled(boolean enabled) {
        return new RateLimitSettings(enabled, general, runCreating, maxWait, pollShare);
    }

    /**
     * The same settings with another general limit.
     * @param general the limit
     * @return the copy
     */
    public RateLimitSettings withGeneral(RateLimit general) {
        return new RateLimitSettings(enabled, general, runCreating, maxWait, pollShare);
    }

    /**
     * The same settings with another run-creating limit.
     * @param runCreating the limit
     * @return the copy
     */
    public RateLimitSettings withRunCreating(RateLimit runCreating) {
        return new RateLimitSettings(enabled, general, runCreating, maxWait, pollShare);
    }

    /**
     * The same settings with another longest wait.
     * @param maxWait zero or positive
     * @return the copy
     */
    public RateLimitSettings withMaxWait(Duration maxWait) {
        return new RateLimitSettings(enabled, general, runCreating, maxWait, pollShare);
    }

    /**
     * The same settings with another share of the general limit for polling runs.
     * @param pollShare above 0 and at most 1
     * @return the copy
     */
    public RateLimitSettings withPollShare(double pollShare) {
        return new RateLimitSettings(enabled, general, runCreating, maxWait, pollShare);
    }
}
