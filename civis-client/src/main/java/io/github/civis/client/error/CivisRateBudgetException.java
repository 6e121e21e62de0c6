package io.github.civis.client.error;

import java.time.Duration;

import io.github.civis.client.ratelimit.RateBucket;
import io.github.civis.client.ratelimit.RateLimit;

/**
 * A call was not sent because its key's rate budget had no room for it within the longest wait
 * allowed ({@code civis.rate-limit.max-wait}, {@code RateLimitSettings.maxWait}). Nothing reached
 * the API; {@link #bucket()} says which budget was spent.
 */
public class CivisRateBudgetException extends CivisException {

    private final RateBucket bucket;
    private final RateLimit limit;
    private final Duration maxWait;
    private final Duration wait;

    /**
     * Creates the exception.
     * @param call the call, e.g. {@code GET /credentials}
     * @param bucket the bucket without room
     * @param limit the bucket's limit
     * @param maxWait the longest wait allowed
     * @param wait how long the call would have had to wait
     */
    public CivisRateBudgetException(String call, RateBucket bucket, RateLimit limit, Duration maxWait, Duration wait) {
        super(call + " was not sent: the " + bucket.label() + " rate budget of this API key (" + limit.requests()
                + " requests per " + limit.window().toSeconds() + " s) has no room for it within the longest wait of "
                + maxWait.toMillis() + " ms (it would wait " + wait.toMillis() + " ms). Send fewer calls, raise "
                + "civis.rate-limit.max-wait, or retry later.");
        this.bucket = bucket;
        this.limit = limit;
        this.maxWait = maxWait;
        this.wait = wait;
    }

    /** The bucket that had no room: general or run-creating. */
    public RateBucket bucket() {
        return bucket;
    }

    /** The bucket's limit. */
    public RateLimit limit() {
        return limit;
    }

    /** The longest wait allowed. */
    public Duration maxWait() {
        return maxWait;
    }

    /** How long the call would have had to wait for room. */
    public Duration waitNeeded() {
        return wait;
    }
}
