package io.github.civis.client.runs;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a run's state is read while waiting: geometric, starting at {@code initial},
 * multiplied by {@code multiplier} after each poll, never above {@code max}, and shortened by a
 * random part of up to {@code jitter} so that many runs started together do not poll in step.
 * The defaults (1 s, ×1.2, 15 s, 10 %) poll a run that lasts 20 s about ten times and a run
 * that lasts an hour about 250 times, well inside the platform's rate limit.
 *
 * @param initial the wait before the first poll
 * @param multiplier how much each wait grows, at least 1
 * @param max the longest wait
 * @param jitter the largest share of a wait taken off at random, from 0 to 1 (exclusive)
 */
public record RunPolling(Duration initial, double multiplier, Duration max, double jitter) {

    private static final RunPolling DEFAULTS = new RunPolling(Duration.ofSeconds(1), 1.2, Duration.ofSeconds(15), 0.1);

    /**
     * Checks the values.
     * @throws IllegalArgumentException naming the value at fault
     */
    public RunPolling {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be a positive duration, was " + initial);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must not be shorter than initial (" + initial + "), was " + max);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be from 0 to below 1, was " + jitter);
        }
    }

    /** 1 s, ×1.2, at most 15 s, 10 % jitter. */
    public static RunPolling defaults() {
        return DEFAULTS;
    }

    /**
     * The same polling with another first wait.
     * @param initial a positive duration
     * @return the changed polling
     */
    public RunPolling withInitial(Duration initial) {
        return new RunPolling(initial, multiplier, max.compareTo(initial) < 0 ? initial : max, jitter);
    }

    /**
     * The same polling with another growth factor.
     * @param multiplier at least 1
     * @return the changed polling
     */
    public RunPolling withMultiplier(double multiplier) {
        return new RunPolling(initial, multiplier, max, jitter);
    }

    /**
     * The same polling with another cap.
     * @param max not shorter than the initial wait
     * @return the changed polling
     */
    public RunPolling withMax(Duration max) {
        return new RunPolling(initial, multiplier, max, jitter);
    }

    /**
     * The same polling with another jitter.
     * @param jitter from 0 to below 1
     * @return the changed polling
     */
    public RunPolling withJitter(double jitter) {
        return new RunPolling(initial, multiplier, max, jitter);
    }

    /**
     * The wait before a poll.
     * @param poll which poll, from 0
     * @param random a number from 0 (inclusive) to 1 (exclusive) choosing the jitter
     * @return the wait: {@code min(max, initial × multiplier^poll)}, less up to {@code jitter} of it
     */
    public Duration delay(int poll, double random) {
        double base = initial.toNanos() * Math.pow(multiplier, Math.max(0, poll));
        double capped = Math.min(base, max.toNanos());
        return Duration.ofNanos((long) (capped * (1.0 - jitter * random)));
    }
}
