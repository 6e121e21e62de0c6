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
 * <p>A poll that fails (an answer that is not a run, a 5xx or a lost connection after the
 * client's retries) is skipped and polling goes on; at {@code maxConsecutiveFailedPolls} failed
 * polls in a row the wait gives up with {@link CivisRunPollingException}, while the run goes on.
 * An answer that will not change (the run is gone, the key is refused) ends the wait at once.
 *
 * @param initial the wait before the first poll
 * @param multiplier how much each wait grows, at least 1
 * @param max the longest wait
 * @param jitter the largest share of a wait taken off at random, from 0 to 1 (exclusive)
 * @param maxConsecutiveFailedPolls how many polls in a row may fail before the wait gives up, at least 1
 */
public record RunPolling(Duration initial, double multiplier, Duration max, double jitter,
        int maxConsecutiveFailedPolls) {

    /** Failed polls in a row that end a wait by default. */
    public static final int DEFAULT_MAX_CONSECUTIVE_FAILED_POLLS = 10;

    private static final RunPolling DEFAULTS = new RunPolling(Duration.ofSeconds(1), 1.2, Duration.ofSeconds(15), 0.1,
            DEFAULT_MAX_CONSECUTIVE_FAILED_POLLS);

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
        if (maxConsecutiveFailedPolls < 1) {
            throw new IllegalArgumentException("maxConsecutiveFailedPolls must be at least 1, was "
                    + maxConsecutiveFailedPolls);
        }
    }

    /**
     * A schedule giving up after {@value #DEFAULT_MAX_CONSECUTIVE_FAILED_POLLS} failed polls in a row.
     * @param initial the wait before the first poll
     * @param multiplier how much each wait grows, at least 1
     * @param max the longest wait
     * @param jitter the largest share of a wait taken off at random, from 0 to 1 (exclusive)
     * @throws IllegalArgumentException naming the value at fault
     */
    public RunPolling(Duration initial, double multiplier, Duration max, double jitter) {
        this(initial, multiplier, max, jitter, DEFAULT_MAX_CONSECUTIVE_FAILED_POLLS);
    }

    /** 1 s, ×1.2, at most 15 s, 10 % jitter, giving up after 10 failed polls in a row. */
    public static RunPolling defaults() {
        return DEFAULTS;
    }

    /**
     * The same polling with another first wait.
     * @param initial a positive duration
     * @return the changed polling
     */
    public RunPolling withInitial(Duration initial) {
        return new RunPolling(initial, multiplier, max.compareTo(initial) < 0 ? initial : max, jitter,
                maxConsecutiveFailedPolls);
    }

    /**
     * The same polling with another growth factor.
     * @param multiplier at least 1
     * @return the changed polling
     */
    public RunPolling withMultiplier(double multiplier) {
        return new RunPolling(initial, multiplier, max, jitter, maxConsecutiveFailedPolls);
    }

    /**
     * The same polling with another cap.
     * @param max not shorter than the initial wait
     * @return the changed polling
     */
    public RunPolling withMax(Duration max) {
        return new RunPolling(initial, multiplier, max, jitter, maxConsecutiveFailedPolls);
    }

    /**
     * The same polling with another jitter.
     * @param jitter from 0 to below 1
     * @return the changed polling
     */
    public RunPolling withJitter(double jitter) {
        return new RunPolling(initial, multiplier, max, jitter, maxConsecutiveFailedPolls);
    }

    /**
     * The same polling giving up after another number of failed polls in a row.
     * @param maxConsecutiveFailedPolls at least 1
     * @return the changed polling
     */
    public RunPolling withMaxConsecutiveFailedPolls(int maxConsecutiveFailedPolls) {
        return new RunPolling(initial, multiplier, max, jitter, maxConsecutiveFailedPolls);
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
