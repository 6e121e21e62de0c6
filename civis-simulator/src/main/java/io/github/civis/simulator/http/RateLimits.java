package io.github.civis.simulator.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The platform's rate limits, enforced per API key: a general bucket and a run-creating one
 * ({@code POST} routes ending in {@code /runs}), each allowing so many requests per window. As
 * on the platform, the windows are fixed and aligned to the epoch (a 300 s window starts every
 * five minutes), a run-creating request counts against its own bucket only, and a request past
 * the limit is answered 429 with {@code Retry-After} (the seconds until the window ends).
 */
public final class RateLimits {

    /** The windows kept per key and bucket for {@link BucketStats#windows()}. */
    static final int WINDOWS_KEPT = 64;

    private static final Pattern SPEC = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*(ms|s|m|h)?\\s*");

    /** The two buckets of a key. */
    public enum Bucket {
        /** Every request but the run-creating ones. */
        GENERAL("general"),
        /** {@code POST} requests to a route ending in {@code /runs}. */
        RUN_CREATING("run-creating");

        private final String label;

        Bucket(String label) {
            this.label = label;
        }

        /** The bucket's name in the stats: {@code general} or {@code run-creating}. */
        public String label() {
            return label;
        }

        /**
         * The bucket a request counts against.
         * @param method the HTTP verb
         * @param path the request path
         * @return the bucket
         */
        public static Bucket of(String method, String path) {
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return ("POST".equalsIgnoreCase(method) && trimmed.endsWith("/runs")) ? RUN_CREATING : GENERAL;
        }
    }

    /**
     * A limit: so many requests per window.
     *
     * @param requests requests allowed per window, at least 1
     * @param window the window's length, at least 1 ms
     */
    public record Limit(int requests, Duration window) {

        /** Checks the values. */
        public Limit {
            Objects.requireNonNull(window, "window");
            if (requests < 1) {
                throw new IllegalArgumentException("A rate limit allows at least 1 request, was " + requests);
            }
            if (window.toMillis() < 1) {
                throw new IllegalArgumentException("A rate limit's window is at least 1 ms, was " + window);
            }
        }

        /**
         * Reads a limit written {@code <requests>/<window>}, e.g. {@code 1000/300s}; the window's
         * unit is {@code ms}, {@code s} (the default), {@code m} or {@code h}.
         * @param text the limit
         * @return the limit
         * @throws IllegalArgumentException naming the expected form
         */
        public static Limit parse(String text) {
            Matcher matcher = SPEC.matcher(Objects.requireNonNull(text, "text"));
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
            return new Limit(Integer.parseInt(matcher.group(1)), window);
        }

        @Override
        public String toString() {
            long millis = window.toMillis();
            return requests + "/" + ((millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms");
        }
    }

    /**
     * What happened to one request.
     *
     * @param allowed whether it may be served
     * @param limit the bucket's limit, for {@code X-RateLimit-Limit}
     * @param remaining requests left in the window, for {@code X-RateLimit-Remaining}
     * @param retryAfterSeconds seconds until the window ends, for {@code Retry-After}
     */
    public record Verdict(boolean allowed, int limit, int remaining, long retryAfterSeconds) {
    }

    /**
     * One window's counts.
     *
     * @param startMillis when the window started, in epoch milliseconds
     * @param allowed requests served
     * @param refused requests answered 429
     */
    public record Window(long startMillis, int allowed, int refused) {
    }

    /**
     * The counts of one user's bucket.
     *
     * @param limit the bucket's limit
     * @param allowed requests served
     * @param refused requests answered 429
     * @param windows the latest windows that saw requests, oldest first
     */
    public record BucketStats(Limit limit, long allowed, long refused, java.util.List<Window> windows) {

        /**
         * The share of the limit spent in the windows between the first and the last one that saw
         * requests (those two are partial: the traffic started or ended inside them), or
         * {@code null} with fewer than three windows.
         * @return from 0 to 1
         */
        public @Nullable Double budgetSpent() {
            if (windows.size() < 3) {
                return null;
            }
            long spent = 0;
            int full = 0;
            long first = windows.get(0).startMillis();
            long last = windows.get(windows.size() - 1).startMillis();
            long length = limit.window().toMillis();
            // windows with no request at all count too: an idle window is budget not spent
            for (long start = first + length; start < last; start += length) {
                full++;
            }
            for (Window window : windows.subList(1, windows.size() - 1)) {
                spent += window.allowed();
            }
            return (full == 0) ? null : Math.min(1.0, spent / (double) (full * (long) limit.requests()));
        }
    }

    private final @Nullable Limit general;
    private final @Nullable Limit runCreating;
    private final LongSupplier clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param general the general limit, or {@code null} for none
     * @param runCreating the run-creating limit, or {@code null} for none
     * @param clock the time in epoch milliseconds
     */
    public RateLimits(@Nullable Limit general, @Nullable Limit runCreating, LongSupplier clock) {
        this.general = general;
        this.runCreating = runCreating;
        this.clock = clock;
    }

    /** No limit enforced. */
    public static RateLimits none() {
        return new RateLimits(null, null, System::currentTimeMillis);
    }

    /** Whether a limit is enforced on that bucket. */
    public boolean enforces(Bucket bucket) {
        return limit(bucket) != null;
    }

    /** The limit of a bucket, or {@code null}. */
    public @Nullable Limit limit(Bucket bucket) {
        return (bucket == Bucket.GENERAL) ? general : runCreating;
    }

    /**
     * Counts a request of a key and says whether it may be served, or {@code null} when its
     * bucket has no limit.
     * @param apiKey the caller's key (kept in memory only, never reported)
     * @param username the key's user, under which the stats report it
     * @param bucket the bucket the request counts against
     * @return the verdict, or {@code null}
     */
    public @Nullable Verdict admit(String apiKey, String username, Bucket bucket) {
        Limit limit = limit(bucket);
        if (limit == null) {
            return null;
        }
        Counter counter = counters.computeIfAbsent(bucket.label() + "\n" + apiKey, k -> new Counter(username, bucket));
        return counter.admit(limit, clock.getAsLong());
    }

    /** The counts by user name and bucket label. */
    public Map<String, Map<String, BucketStats>> stats() {
        Map<String, Map<String, BucketStats>> byUser = new LinkedHashMap<>();
        for (Counter counter : counters.values()) {
            Limit limit = Objects.requireNonNull(limit(counter.bucket));
            BucketStats stats = counter.stats(limit);
            // two keys of one user are reported together
            byUser.computeIfAbsent(counter.username, u -> new LinkedHashMap<>())
                .merge(counter.bucket.label(), stats, RateLimits::merged);
        }
        return byUser;
    }

    private static BucketStats merged(BucketStats a, BucketStats b) {
        Map<Long, Window> windows = new java.util.TreeMap<>();
        for (Window window : a.windows()) {
            windows.put(window.startMillis(), window);
        }
        for (Window window : b.windows()) {
            windows.merge(window.startMillis(), window, (x, y) -> new Window(x.startMillis(), x.allowed() + y.allowed(),
                    x.refused() + y.refused()));
        }
        return new BucketStats(a.limit(), a.allowed() + b.allowed(), a.refused() + b.refused(),
                java.util.List.copyOf(windows.values()));
    }

    /** Forgets every count. */
    public void reset() {
        counters.clear();
    }

    @Override
    public String toString() {
        return "RateLimits{general=" + general + ", runCreating=" + runCreating + "}";
    }

    /** One key's bucket: the current window's count and the latest windows' counts. */
    private static final class Counter {

        private final String username;
        private final Bucket bucket;
        private final Deque<long[]> windows = new ArrayDeque<>();
        private long allowed;
        private long refused;

        Counter(String username, Bucket bucket) {
            this.username = username;
            this.bucket = bucket;
        }

        synchronized Verdict admit(Limit limit, long now) {
            long length = limit.window().toMillis();
            long start = now - Math.floorMod(now, length);
            long[] current = windows.peekLast();
            if (current == null || current[0] != start) {
                current = new long[] { start, 0, 0 };
                windows.addLast(current);
                if (windows.size() > WINDOWS_KEPT) {
                    windows.removeFirst();
                }
            }
            long retryAfter = Math.max(1, (start + length - now + 999) / 1000);
            if (current[1] >= limit.requests()) {
                current[2]++;
                refused++;
                return new Verdict(false, limit.requests(), 0, retryAfter);
            }
            current[1]++;
            allowed++;
            return new Verdict(true, limit.requests(), (int) (limit.requests() - current[1]), retryAfter);
        }

        synchronized BucketStats stats(Limit limit) {
            java.util.List<Window> list = new java.util.ArrayList<>();
            for (long[] window : windows) {
                list.add(new Window(window[0], (int) window[1], (int) window[2]));
            }
            return new BucketStats(limit, allowed, refused, list);
        }
    }
}
