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
    }
}
