package io.github.civis.client.ratelimit;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * The rate-limit facts the Civis API reported on a response ({@code X-RateLimit-*} headers).
 * Values are {@code null} when the response did not carry the header.
 *
 * @param limit calls allowed in the current window
 * @param remaining calls left in the current window
 */
public record RateLimitStatus(@Nullable Long limit, @Nullable Long remaining) {

    /** Header giving the number of calls allowed in the window. */
    public static final String LIMIT = "X-RateLimit-Limit";
    /** Header giving the number of calls left in the window. */
    public static final String REMAINING = "X-RateLimit-Remaining";

    private static final RateLimitStatus UNKNOWN = new RateLimitStatus(null, null);

    /** The status before any response reported one. */
    public static RateLimitStatus unknown() {
        return UNKNOWN;
    }

    /**
     * Reads the rate-limit headers.
     * @param headers response headers
     * @return the status; {@link #unknown()} when neither header is present or readable
     */
    public static RateLimitStatus from(HttpHeaders headers) {
        Long limit = number(headers.getFirst(LIMIT));
        Long remaining = number(headers.getFirst(REMAINING));
        return (limit == null && remaining == null) ? UNKNOWN : new RateLimitStatus(limit, remaining);
    }

    /** Whether the API reported anything. */
    public boolean isKnown() {
        return limit != null || remaining != null;
    }

    private static @Nullable Long number(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
