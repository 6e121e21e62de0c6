package io.github.civis.spring.autoconfigure.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.github.civis.client.ratelimit.RateLimit;
import io.github.civis.client.ratelimit.RateLimitSettings;

/**
 * The Civis client's rate budget ({@code civis.rate-limit.*}): two buckets per API key that every
 * call draws from before it is sent, waiting for room rather than drawing a 429. Bound on their
 * own with unknown fields rejected, and checked when bound.
 */
@ConfigurationProperties(prefix = "civis.rate-limit", ignoreUnknownFields = false)
public class CivisRateLimitProperties implements Validator {

    /**
     * Whether calls draw from the key's rate budget before they are sent, waiting for room.
     */
    private boolean enabled = true;

    /**
     * Limit of general requests per key, written requests/window, e.g. 1000/300s (the platform's).
     */
    private String general = "1000/300s";

    /**
     * Limit of run-creating requests (POST to a route ending in /runs) per key, e.g. 100/300s (the
     * platform's).
     */
    private String runCreating = "100/300s";

    /**
     * Longest time a call waits for room in its bucket; beyond it, the call fails with
     * CivisRateBudgetException without being sent.
     */
    private Duration maxWait = Duration.ofSeconds(60);

    /**
     * Where the buckets live: local (in this instance) or redis (shared by every instance that
     * uses the key; needs Spring Data Redis with Lettuce, configured by spring.data.redis.*).
     */
    private Store store = Store.LOCAL;

    /**
     * Number of instances sharing the key: while Redis cannot be reached, each instance spends
     * at most this share of each limit (limit / instances).
     */
    private int instances = 1;

    /**
     * Longest wait for an answer from Redis before a call uses the local share.
     */
    private Duration storeTimeout = Duration.ofMillis(500);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getGeneral() {
        return this.general;
    }

    public void setGeneral(String general) {
        this.general = general;
    }

    public String getRunCreating() {
        return this.runCreating;
    }

    public void setRunCreating(String runCreating) {
        this.runCreating = runCreating;
    }

    public Duration getMaxWait() {
        return this.maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public Store getStore() {
        return this.store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public int getInstances() {
        return this.instances;
    }

    public void setInstances(int instances) {
        this.instances = instances;
    }

    public Duration getStoreTimeout() {
        return this.storeTimeout;
    }

    public void setStoreTimeout(Duration storeTimeout) {
        this.storeTimeout = storeTimeout;
    }

    /**
     * The client's settings these properties describe.
     * @param pollShare the share of the general limit for polling runs ({@code civis.runs.poll.budget-share})
     * @return the settings
     */
    public RateLimitSettings toSettings(double pollShare) {
        return RateLimitSettings.defaults().withEnabled(this.enabled).withGeneral(RateLimit.parse(this.general))
            .withRunCreating(RateLimit.parse(this.runCreating)).withMaxWait(this.maxWait).withPollShare(pollShare);
    }

    @Override
    public boolean supports(Class<?> type) {
        return CivisRateLimitProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CivisRateLimitProperties checked = (CivisRateLimitProperties) target;
        checkLimit(errors, "general", checked.general);
        checkLimit(errors, "runCreating", checked.runCreating);
        if (checked.maxWait == null || checked.maxWait.isNegative()) {
            errors.rejectValue("maxWait", "civis.negative",
                    "civis.rate-limit.max-wait must be zero or a positive duration, was " + checked.maxWait);
        }
        if (checked.instances < 1) {
            errors.rejectValue("instances", "civis.tooSmall",
                    "civis.rate-limit.instances must be at least 1, was " + checked.instances);
        }
        if (checked.storeTimeout == null || checked.storeTimeout.isNegative() || checked.storeTimeout.isZero()) {
            errors.rejectValue("storeTimeout", "civis.notPositive",
                    "civis.rate-limit.store-timeout must be a positive duration, was " + checked.storeTimeout);
        }
    }

    private static void checkLimit(Errors errors, String field, String value) {
        String property = "civis.rate-limit." + (field.equals("runCreating") ? "run-creating" : field);
        try {
            RateLimit.parse(value);
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            errors.rejectValue(field, "civis.badLimit", property + ": " + ((ex.getMessage() != null) ? ex.getMessage()
                    : "it is not set; write requests/window, e.g. 1000/300s"));
        }
    }

    /** Where the buckets live. */
    public enum Store {
        /** In this instance only. */
        LOCAL,
        /** In Redis, shared by every instance that uses the key. */
        REDIS
    }
}
