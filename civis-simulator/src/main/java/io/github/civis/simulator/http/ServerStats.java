package io.github.civis.simulator.http;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.civis.simulator.faults.FaultRule;

/**
 * What the server has done so far, measured by the server itself: requests, answers by status,
 * faults injected by kind, and the latency it added. Tests assert on these instead of on wall
 * clock time, which depends on the machine.
 */
public final class ServerStats {

    private final AtomicLong requests = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final Map<FaultRule.Kind, AtomicLong> faults = new ConcurrentHashMap<>();
    private final AtomicLong delayedResponses = new AtomicLong();
    private final AtomicLong totalDelayNanos = new AtomicLong();
    private final AtomicLong maxDelayNanos = new AtomicLong();

    private volatile RateLimits rateLimits = RateLimits.none();

    /** The limits whose counts {@link #rateLimits()} reports. */
    void rateLimits(RateLimits limits) {
        this.rateLimits = limits;
    }

    /**
     * The rate-limit counts by user name (never by key) and bucket ({@code general},
     * {@code run-creating}): requests served and answered 429, per window; empty when no limit is
     * enforced.
     */
    public Map<String, Map<String, RateLimits.BucketStats>> rateLimits() {
        return rateLimits.stats();
    }

    /** Responses of 429 sent because a key went past its limit, by user name. */
    public Map<String, Long> rateLimited() {
        Map<String, Long> byUser = new TreeMap<>();
        rateLimits.stats().forEach((user, buckets) -> buckets.values()
            .forEach(bucket -> byUser.merge(user, bucket.refused(), Long::sum)));
        return byUser;
    }

    /** Counts a request. */
    void request() {
        requests.incrementAndGet();
    }

    /** Counts an answer. */
    void answered(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    /** Counts an injected fault. */
    void fault(FaultRule.Kind kind) {
        faults.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** Records latency the server really waited (measured around the wait). */
    void delayed(long nanos) {
        delayedResponses.incrementAndGet();
        totalDelayNanos.addAndGet(nanos);
        maxDelayNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Requests received. */
    public long requests() {
        return requests.get();
    }

    /** Answers sent with that status. */
    public long answers(int status) {
        AtomicLong count = statuses.get(status);
        return (count != null) ? count.get() : 0;
    }

    /** Answers sent by status. */
    public Map<Integer, Long> answersByStatus() {
        Map<Integer, Long> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    /** Faults injected of that kind. */
    public long faults(FaultRule.Kind kind) {
        AtomicLong count = faults.get(kind);
        return (count != null) ? count.get() : 0;
    }

    /** Answers that were delayed by a latency fault. */
    public long delayedResponses() {
        return delayedResponses.get();
    }

    /** The longest delay the server really waited before an answer. */
    public Duration maxDelay() {
        return Duration.ofNanos(maxDelayNanos.get());
    }

    /** The sum of the delays the server really waited. */
    public Duration totalDelay() {
        return Duration.ofNanos(totalDelayNanos.get());
    }

    /** Forgets everything counted so far. */
    public void reset() {
        requests.set(0);
        statuses.clear();
        faults.clear();
        delayedResponses.set(0);
        totalDelayNanos.set(0);
        maxDelayNanos.set(0);
        rateLimits.reset();
    }
}
