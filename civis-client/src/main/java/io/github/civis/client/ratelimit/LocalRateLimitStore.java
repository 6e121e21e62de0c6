package io.github.civis.client.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

/**
 * Buckets held in this process: each a sorted log of send times, so that no window of the
 * bucket's length ever holds more than its limit (a sliding window, which stays inside any
 * fixed or sliding window the server counts in). Every {@code CivisClient} without another store
 * has its own; share one between clients of one process by passing the same instance.
 */
public final class LocalRateLimitStore implements RateLimitStore {

    private final Map<String, SendLog> logs = new ConcurrentHashMap<>();
    private final LongSupplier millis;

    /** A store on the monotonic clock. */
    public LocalRateLimitStore() {
        this(() -> System.nanoTime() / 1_000_000);
    }

    /**
     * A store on a given clock, for tests.
     * @param millis the time in milliseconds, never going back
     */
    public LocalRateLimitStore(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public Mono<Reservation> reserve(String bucketKey, RateLimit limit, Duration maxWait) {
        return Mono.fromSupplier(() -> reserveNow(bucketKey, limit, maxWait));
    }

    /**
     * {@link #reserve} without the {@code Mono}.
     * @param bucketKey the bucket
     * @param limit the bucket's limit
     * @param maxWait the longest wait worth reserving for
     * @return the reservation
     */
    public Reservation reserveNow(String bucketKey, RateLimit limit, Duration maxWait) {
        return logs.computeIfAbsent(bucketKey, k -> new SendLog()).reserve(limit, millis.getAsLong(), maxWait.toMillis());
    }

    @Override
    public Mono<Void> follow(String bucketKey, RateLimit limit, long remaining) {
        return Mono.fromRunnable(() -> followNow(bucketKey, limit, remaining));
    }

    /**
     * {@link #follow} without the {@code Mono}.
     * @param bucketKey the bucket
     * @param limit the bucket's limit
     * @param remaining the platform's count of requests left
     */
    public void followNow(String bucketKey, RateLimit limit, long remaining) {
        logs.computeIfAbsent(bucketKey, k -> new SendLog()).follow(limit, millis.getAsLong(), remaining);
    }

    /**
     * The send times of a bucket within its window, oldest first, relative to now (negative:
     * sent; positive: reserved), to hand them to another store.
     * @param bucketKey the bucket
     * @param limit the bucket's limit
     * @return milliseconds from now
     */
    public List<Long> pending(String bucketKey, RateLimit limit) {
        SendLog log = logs.get(bucketKey);
        return (log == null) ? List.of() : log.relative(limit, millis.getAsLong());
    }

    /** Forgets a bucket's log. */
    void forget(String bucketKey) {
        logs.remove(bucketKey);
    }

    @Override
    public String toString() {
        return "LocalRateLimitStore{buckets=" + logs.size() + "}";
    }

    /** The send times of one bucket, sorted. */
    private static final class SendLog {

        private final List<Long> times = new ArrayList<>();

        synchronized Reservation reserve(RateLimit limit, long now, long maxWaitMillis) {
            long window = limit.window().toMillis();
            evict(now, window);
            int n = times.size();
            long at = now;
            if (n >= limit.requests()) {
                // the new send is the last one: the window ending at it may hold limit - 1 others
                at = Math.max(now, times.get(n - limit.requests()) + window);
            }
            long wait = at - now;
            if (wait > maxWaitMillis) {
                return new Reservation(false, Duration.ofMillis(wait), 0);
            }
            insert(at);
            return new Reservation(true, Duration.ofMillis(wait), Math.max(0, limit.requests() - n - 1));
        }

        synchronized void follow(RateLimit limit, long now, long remaining) {
            evict(now, limit.window().toMillis());
            long free = limit.requests() - times.size();
            for (long i = Math.max(0, remaining); i < free; i++) {
                insert(now);
            }
        }

        synchronized List<Long> relative(RateLimit limit, long now) {
            evict(now, limit.window().toMillis());
            List<Long> relative = new ArrayList<>(times.size());
            for (long time : times) {
                relative.add(time - now);
            }
            return relative;
        }

        private void evict(long now, long window) {
            int expired = 0;
            while (expired < times.size() && times.get(expired) <= now - window) {
                expired++;
            }
            if (expired > 0) {
                times.subList(0, expired).clear();
            }
        }

        private void insert(long time) {
            int index = times.size();
            while (index > 0 && times.get(index - 1) > time) {
                index--;
            }
            times.add(index, time);
        }
    }
}
