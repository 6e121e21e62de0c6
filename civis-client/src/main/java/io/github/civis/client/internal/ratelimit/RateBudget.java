package io.github.civis.client.internal.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.civis.client.error.CivisRateBudgetException;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.ratelimit.LocalRateLimitStore;
import io.github.civis.client.ratelimit.RateBucket;
import io.github.civis.client.ratelimit.RateLimit;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.ratelimit.RateLimitStore;

/**
 * A client's rate budget: before a call is sent it reserves room in its key's bucket (general
 * or run-creating) and waits, without holding a thread, until the reserved time; past the
 * longest wait it fails with {@link CivisRateBudgetException}. The buckets are keyed by a
 * fingerprint of the API key (never the key) and live in a {@link RateLimitStore}. Responses'
 * {@code X-RateLimit-Remaining} take from the bucket what other processes using the key have
 * spent. Awaiting runs polls within a share of the general bucket ({@link #acquirePoll()}).
 *
 * <p>The buckets' windows are a little longer than the configured ones ({@value #MARGIN_PERCENT} %,
 * at most {@value #MARGIN_MAX_MILLIS} ms), so that requests sent a window apart and delayed
 * differently on their way do not land in one of the server's windows together.
 */
public final class RateBudget {

    private static final Log logger = LogFactory.getLog(RateBudget.class);

    /** How much longer the buckets' windows are than the configured ones. */
    static final int MARGIN_PERCENT = 2;

    /** The most by which the buckets' windows are longer than the configured ones. */
    static final long MARGIN_MAX_MILLIS = 100;

    /** The longest a poll waits for its share: a poll has no caller waiting on a deadline. */
    private static final Duration POLL_MAX_WAIT = Duration.ofHours(1);

    private final RateLimitSettings settings;
    private final RateLimitStore store;
    private final Supplier<String> apiKey;
    private final CivisClientListener listener;
    private final Map<RateBucket, RateLimit> limits = new EnumMap<>(RateBucket.class);
    private final RateLimit pollLimit;
    private final Map<RateBucket, AtomicLong> available = new EnumMap<>(RateBucket.class);
    private final java.util.concurrent.atomic.AtomicInteger awaitedRuns = new java.util.concurrent.atomic.AtomicInteger();
    private volatile @Nullable Fingerprint lastFingerprint;

    /**
     * Creates the budget.
     * @param settings limits, longest wait, poll share
     * @param store where the buckets live
     * @param apiKey supplies the current key, of which only a fingerprint is kept
     * @param listener told how long each call waited
     */
    public RateBudget(RateLimitSettings settings, RateLimitStore store, Supplier<String> apiKey,
            CivisClientListener listener) {
        this.settings = settings;
        this.store = store;
        this.apiKey = apiKey;
        this.listener = listener;
        for (RateBucket bucket : RateBucket.values()) {
            limits.put(bucket, withMargin(settings.limit(bucket)));
            available.put(bucket, new AtomicLong(settings.limit(bucket).requests()));
        }
        this.pollLimit = withMargin(settings.general().share(settings.pollShare()));
    }

    private static RateLimit withMargin(RateLimit limit) {
        Duration window = limit.window();
        Duration margin = window.multipliedBy(MARGIN_PERCENT).dividedBy(100);
        Duration most = Duration.ofMillis(MARGIN_MAX_MILLIS);
        return new RateLimit(limit.requests(), window.plus((margin.compareTo(most) > 0) ? most : margin));
    }

    /** The settings. */
    public RateLimitSettings settings() {
        return settings;
    }

    /** Where the buckets live. */
    public RateLimitStore store() {
        return store;
    }

    /**
     * Requests left in a bucket of the current key as last seen by this client (a reservation or
     * a response's count), for a gauge.
     * @param bucket the bucket
     * @return requests left
     */
    public long available(RateBucket bucket) {
        return available.get(bucket).get();
    }

    /**
     * Room for one call: completes when the call may be sent, or fails with
     * {@link CivisRateBudgetException} when that is further away than the longest wait.
     * Cold: each subscription reserves again (a retry draws too).
     * @param bucket the call's bucket
     * @param apiKey the key the call is sent with
     * @param call the call, for the message, e.g. {@code GET /credentials}
     * @return completes when the call may be sent
     */
    public Mono<Void> acquire(RateBucket bucket, String apiKey, String call) {
        if (!settings.enabled()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            Mono<Void> wait = acquireNow(bucket, apiKey, call);
            return (wait != null) ? wait : Mono.empty();
        });
    }

    /**
     * Reserves room at once when the store answers without waiting (the local store), so that a
     * blocking call spends no {@code Mono} when the bucket has room.
     * @param bucket the call's bucket
     * @param apiKey the key the call is sent with
     * @param call the call, for the message
     * @return {@code null} when the call may be sent now; else what to wait on
     */
    public @Nullable Mono<Void> acquireNow(RateBucket bucket, String apiKey, String call) {
        if (!settings.enabled()) {
            return null;
        }
        String bucketKey = fingerprint(apiKey) + ":" + bucket.label();
        RateLimit limit = limits.get(bucket);
        long started = System.nanoTime();
        if (store instanceof LocalRateLimitStore local) {
            return waitFor(local.reserveNow(bucketKey, limit, settings.maxWait()), bucket, call, started);
        }
        return store.reserve(bucketKey, limit, settings.maxWait()).flatMap(reservation -> {
            Mono<Void> wait = waitFor(reservation, bucket, call, started);
            return (wait != null) ? wait : Mono.<Void>empty();
        });
    }

    private @Nullable Mono<Void> waitFor(RateLimitStore.Reservation reservation, RateBucket bucket, String call,
            long started) {
        available.get(bucket).set(reservation.available());
        if (!reservation.reserved()) {
            recordWait(bucket, started);
            return Mono.error(new CivisRateBudgetException(call, bucket, settings.limit(bucket), settings.maxWait(),
                    reservation.delay()));
        }
        if (reservation.delay().isZero() || reservation.delay().isNegative()) {
            recordWait(bucket, started);
            return null;
        }
        return Mono.delay(reservation.delay()).then(Mono.fromRunnable(() -> recordWait(bucket, started)));
    }

    private void recordWait(RateBucket bucket, long started) {
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        try {
            listener.onRateLimitWait(bucket, waited);
        }
        catch (RuntimeException ex) {
            logger.warn("CivisClientListener failed: " + ex);
        }
    }

    /**
     * Room for one poll of a run within the poll share of the general bucket ({@code pollShare}
     * of its limit), shared by every run this client awaits; the poll then draws from the
     * general bucket like any call.
     * @return completes when the poll may be sent
     */
    public Mono<Void> acquirePoll() {
        if (!settings.enabled()) {
            return Mono.empty();
        }
        return Mono.defer(() -> store.reserve(pollBucketKey(), pollLimit, POLL_MAX_WAIT)
            .flatMap(reservation -> reservation.reserved() && !reservation.delay().isZero() && !reservation.delay().isNegative()
                    ? Mono.delay(reservation.delay()).then() : Mono.<Void>empty()));
    }

    /**
     * Counts a run being awaited (or no longer, with {@code -1}), which stretches
     * {@link #pollInterval()}.
     * @param change {@code 1} when a wait starts, {@code -1} when it ends
     */
    public void runAwaited(int change) {
        awaitedRuns.addAndGet(change);
    }

    /**
     * The shortest interval between two polls of one run while the runs counted by
     * {@link #runAwaited} are awaited, so that together they stay within the poll share.
     * @return the interval; zero when the budget is disabled
     */
    public Duration pollInterval() {
        return pollInterval(awaitedRuns.get());
    }

    /**
     * The shortest interval between two polls of one run when so many runs are awaited at once,
     * so that together they stay within the poll share.
     * @param awaited runs awaited at once
     * @return the interval; zero when the budget is disabled
     */
    public Duration pollInterval(int awaited) {
        if (!settings.enabled() || awaited <= 0) {
            return Duration.ZERO;
        }
        return pollLimit.window().multipliedBy(awaited).dividedBy(pollLimit.requests());
    }

    /**
     * Follows the platform's count: takes from the bucket what the server says is spent beyond
     * this client's own count (other processes using the key, calls sent before this client).
     * @param bucket the bucket the response counted against
     * @param apiKey the key the call was sent with
     * @param remaining the response's {@code X-RateLimit-Remaining}
     */
    public void follow(RateBucket bucket, String apiKey, long remaining) {
        if (!settings.enabled()) {
            return;
        }
        if (remaining < available.get(bucket).get()) {
            available.get(bucket).set(Math.max(0, remaining));
        }
        String bucketKey = fingerprint(apiKey) + ":" + bucket.label();
        if (store instanceof LocalRateLimitStore local) {
            local.followNow(bucketKey, limits.get(bucket), remaining);
            return;
        }
        store.follow(bucketKey, limits.get(bucket), remaining)
            .subscribe(null, ex -> logger.debug("Could not follow the platform's rate-limit count: " + ex));
    }

    /**
     * The poll share's bucket, of the key the latest call was sent with (asking the supplier
     * only before any call: a supplier may hand out a new key each time).
     */
    private String pollBucketKey() {
        Fingerprint last = lastFingerprint;
        return ((last != null) ? last.value() : fingerprint(apiKey.get())) + ":poll";
    }

    /**
     * A fingerprint of the key, which names its buckets: the first 16 hex digits of its SHA-256,
     * from which the key cannot be recovered.
     */
    private String fingerprint(String key) {
        String trimmed = (key != null) ? key.trim() : "";
        Fingerprint last = lastFingerprint;
        if (last == null || !last.key().equals(trimmed)) {
            last = new Fingerprint(trimmed, fingerprintOf(trimmed));
            lastFingerprint = last;
        }
        return last.value();
    }

    /**
     * The fingerprint of an API key under which its buckets are stored: the first 16 hex digits
     * of its SHA-256.
     * @param apiKey the key
     * @return the fingerprint
     */
    public static String fingerprintOf(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.trim().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
    }

    private record Fingerprint(String key, String value) {

        @Override
        public String toString() {
            return "Fingerprint[" + value + "]";
        }
    }

    @Override
    public String toString() {
        return "RateBudget{" + settings + ", store=" + store + "}";
    }
}
