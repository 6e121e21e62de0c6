package io.github.civis.client.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate limit: so many requests per window, e.g. the platform's {@code 1000/300s} for general
 * requests and {@code 100/300s} for run-creating ones.
 *
 * @param requests requests allowed per window, at least 1
 * @param window the window's length, at least 1 ms
 */
public record RateLimit(int requests, Duration window) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*(ms|s|m|h)?\\s*");

    /** The platform's general limit per key: 1000 requests per 300 s. */
    public static final RateLimit PLATFORM_GENERAL = new RateLimit(1000, Duration.ofSeconds(300));

    /** The platform's limit on run-creating requests per key: 100 per 300 s. */
    public static final RateLimit PLATFORM_RUN_CREATING = new RateLimit(100, Duration.ofSeconds(300));

    /**
     * Checks the values.
     * @throws IllegalArgumentException naming the value at fault
     */
    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (requests < 1) {
            throw new IllegalArgumentException("A rate limit allows at least 1 request per window, was " + requests);
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("A rate limit's window is at least 1 ms, was " + window);
        }
    }

    /**
     * Reads a limit written {@code <requests>/<window>}, e.g. {@code 1000/300s}; the window's unit
     * is {@code ms}, {@code s} (the default), {@code m} or {@code h}.
     * @param text the limit
     * @return the limit
     * @throws IllegalArgumentException naming the expected form
     */
    public static RateLimit parse(String text) {
        Matcher matcher = FORM.matcher(Objects.requireNonNull(text, "text"));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("A rate limit is written <requests>/<window>, e.g. 1000/300s, not '"
                    + text + "'");
        }
        long amount = Long.parseLong(matcher.group(2));
        String unit = (matcher.group(3) != null) ? matcher.group(3) : "s";
        Duration window = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        return new RateLimit(Integer.parseInt(matcher.group(1)), window);
    }

    /**
     * A share of this limit over the same window, at least one request: what one of several
     * instances may spend on its own.
     * @param share from above 0 to 1
     * @return the smaller limit
     */
    public RateLimit share(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("A share of a rate limit is above 0 and at most 1, was " + share);
        }
        return new RateLimit(Math.max(1, (int) Math.floor(requests * share)), window);
    }

    /** Written as {@link #parse} reads it, e.g. {@code 1000/300s}. */
    @Override
    public String toString() {
        long millis = window.toMillis();
        return requests + "/" + ((millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms");
    }
}
