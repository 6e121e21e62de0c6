package io.github.civis.spring.autoconfigure.runs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.github.civis.client.runs.RunPolling;

/**
 * Settings of the Civis runs ({@code civis.runs.*}): how often a run's state is read while
 * waiting for it. Bound on their own with unknown fields rejected, and checked when bound, so a
 * misspelt or impossible setting stops the application with the property's name.
 */
@ConfigurationProperties(prefix = "civis.runs", ignoreUnknownFields = false)
public class CivisRunsProperties implements Validator {

    private final Poll poll = new Poll();

    public Poll getPoll() {
        return this.poll;
    }

    /** The polling schedule these settings describe, with the client's default jitter. */
    public RunPolling toPolling() {
        return RunPolling.defaults().withInitial(this.poll.initial).withMax(this.poll.max)
            .withMultiplier(this.poll.multiplier)
            .withMaxConsecutiveFailedPolls(this.poll.maxConsecutiveFailures);
    }

    @Override
    public boolean supports(Class<?> type) {
        return CivisRunsProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        Poll checked = ((CivisRunsProperties) target).poll;
        if (checked.initial == null || checked.initial.isZero() || checked.initial.isNegative()) {
            errors.rejectValue("poll.initial", "civis.notPositive",
                    "civis.runs.poll.initial must be a positive duration, was " + checked.initial);
        }
        if (!(checked.multiplier >= 1.0) || Double.isInfinite(checked.multiplier)) {
            errors.rejectValue("poll.multiplier", "civis.tooSmall",
                    "civis.runs.poll.multiplier must be at least 1, was " + checked.multiplier);
        }
        if (!(checked.budgetShare > 0 && checked.budgetShare <= 1)) {
            errors.rejectValue("poll.budgetShare", "civis.outOfRange",
                    "civis.runs.poll.budget-share must be above 0 and at most 1, was " + checked.budgetShare);
        }
        if (checked.max == null || checked.initial != null && checked.max.compareTo(checked.initial) < 0) {
            errors.rejectValue("poll.max", "civis.tooSmall", "civis.runs.poll.max must not be shorter than "
                    + "civis.runs.poll.initial (" + checked.initial + "), was " + checked.max);
        }
        if (checked.maxConsecutiveFailures < 1) {
            errors.rejectValue("poll.maxConsecutiveFailures", "civis.tooSmall",
                    "civis.runs.poll.max-consecutive-failures must be at least 1, was " + checked.maxConsecutiveFailures);
        }
    }

    /** How often a run's state is read while waiting. */
    public static class Poll {

        /**
         * Wait before the first read of a run's state.
         */
        private Duration initial = Duration.ofSeconds(1);

        /**
         * Factor by which the wait grows after each read; at least 1.
         */
        private double multiplier = 1.2;

        /**
         * Longest wait between two reads of a run's state.
         */
        private Duration max = Duration.ofSeconds(15);

        /**
         * Number of reads of a run's state in a row that may fail (each after the client's
         * retries) before waiting for the run gives up; a failed read is otherwise skipped.
         */
        private int maxConsecutiveFailures = RunPolling.DEFAULT_MAX_CONSECUTIVE_FAILED_POLLS;

        /**
         * Largest share of the general rate limit (civis.rate-limit.general) that polling awaited
         * runs may spend; with many runs awaited at once, each is polled less often. Above 0, at
         * most 1.
         */
        private double budgetShare = 0.5;

        public double getBudgetShare() {
            return this.budgetShare;
        }

        public void setBudgetShare(double budgetShare) {
            this.budgetShare = budgetShare;
        }

        public Duration getInitial() {
            return this.initial;
        }

        public void setInitial(Duration initial) {
            this.initial = initial;
        }

        public double getMultiplier() {
            return this.multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMax() {
            return this.max;
        }

        public void setMax(Duration max) {
            this.max = max;
        }

        public int getMaxConsecutiveFailures() {
            return this.maxConsecutiveFailures;
        }

        public void setMaxConsecutiveFailures(int maxConsecutiveFailures) {
            this.maxConsecutiveFailures = maxConsecutiveFailures;
        }

    }

}
