package io.github.civis.spring.autoconfigure;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.ratelimit.RateLimit;

/**
 * The checks of every {@code civis.*} setting, run when {@link CivisProperties} is bound. Every
 * message names the property as users write it, because that is what they search their
 * configuration for, and the value it had.
 */
final class CivisPropertiesValidator {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "PATCH",
            "POST");

    private CivisPropertiesValidator() {
    }

    /**
     * Rejects every impossible setting of {@code properties}, each with its own message.
     * @param properties the bound properties
     * @param errors where the rejections go
     */
    static void validate(CivisProperties properties, Errors errors) {
        positive(errors, "connectTimeout", "civis.connect-timeout", properties.getConnectTimeout());
        positive(errors, "responseTimeout", "civis.response-timeout", properties.getResponseTimeout());
        positive(errors, "callTimeout", "civis.call-timeout", properties.getCallTimeout());
        positive(errors, "health.timeout", "civis.health.timeout", properties.getHealth().getTimeout());
        // zero is allowed: it turns the cache off
        notNegative(errors, "health.cacheTtl", "civis.health.cache-ttl", properties.getHealth().getCacheTtl());
        retry(properties.getRetry(), errors);
        files(properties.getFiles(), errors);
        poll(properties.getRuns().getPoll(), errors);
        lookup(properties.getLookup(), errors);
        rateLimit(properties.getRateLimit(), errors);
        positive(errors, "drift.refresh", "civis.drift.refresh", properties.getDrift().getRefresh());
        batch(properties.getBatch(), errors);
        transport(properties, errors);
    }

    private static void transport(CivisProperties properties, Errors errors) {
        if (properties.getTransport() != CivisProperties.Transport.BLOCKING_IO) {
            return;
        }
        if (properties.getSsl().getBundle() != null) {
            errors.rejectValue("transport", "civis.unsupportedCombination", "civis.transport=blocking-io cannot use "
                    + "civis.ssl.bundle (the bundle applies to Reactor Netty only): remove one of the two");
        }
        // the application's class loader (a test's filtered one included)
        if (!ClassUtils.isPresent("org.apache.hc.client5.http.impl.classic.HttpClients", null)) {
            errors.rejectValue("transport", "civis.missingDependency", "civis.transport=blocking-io needs Apache "
                    + "HttpClient 5 on the class path: add the dependency org.apache.httpcomponents.client5:httpclient5");
        }
    }

    private static void retry(CivisProperties.Retry retry, Errors errors) {
        atLeast(errors, "retry.maxAttempts", "civis.retry.max-attempts", retry.getMaxAttempts(), 1);
        atLeast(errors, "retry.maxConnectionFailureAttempts", "civis.retry.max-connection-failure-attempts",
                retry.getMaxConnectionFailureAttempts(), 1);
        positive(errors, "retry.maxElapsed", "civis.retry.max-elapsed", retry.getMaxElapsed());
        positive(errors, "retry.initialBackoff", "civis.retry.initial-backoff", retry.getInitialBackoff());
        positive(errors, "retry.maxBackoff", "civis.retry.max-backoff", retry.getMaxBackoff());
        for (String method : retry.getRetryableMethods()) {
            if (!HTTP_METHODS.contains(method)) {
                errors.rejectValue("retry.retryableMethods", "civis.unknownMethod",
                        "civis.retry.retryable-methods contains '" + method + "', which is not an HTTP method");
            }
        }
    }

    private static void files(CivisProperties.Files files, Errors errors) {
        DataSize threshold = files.getMultipartThreshold();
        if (threshold == null || threshold.toBytes() < UploadOptions.MIN_PART_SIZE) {
            errors.rejectValue("files.multipartThreshold", "civis.tooSmall", "civis.files.multipart-threshold must be "
                    + "at least 5MB (the smallest part storage accepts), was " + threshold);
        }
        atLeast(errors, "files.partConcurrency", "civis.files.part-concurrency", files.getPartConcurrency(), 1);
        positive(errors, "files.transferTimeout", "civis.files.transfer-timeout", files.getTransferTimeout());
    }

    private static void poll(CivisProperties.Runs.Poll poll, Errors errors) {
        positive(errors, "runs.poll.initial", "civis.runs.poll.initial", poll.getInitial());
        if (!(poll.getMultiplier() >= 1.0) || Double.isInfinite(poll.getMultiplier())) {
            errors.rejectValue("runs.poll.multiplier", "civis.tooSmall",
                    "civis.runs.poll.multiplier must be at least 1, was " + poll.getMultiplier());
        }
        if (!(poll.getBudgetShare() > 0 && poll.getBudgetShare() <= 1)) {
            errors.rejectValue("runs.poll.budgetShare", "civis.outOfRange",
                    "civis.runs.poll.budget-share must be above 0 and at most 1, was " + poll.getBudgetShare());
        }
        Duration initial = poll.getInitial();
        Duration max = poll.getMax();
        if (max == null || initial != null && max.compareTo(initial) < 0) {
            errors.rejectValue("runs.poll.max", "civis.tooSmall", "civis.runs.poll.max must not be shorter than "
                    + "civis.runs.poll.initial (" + initial + "), was " + max);
        }
        atLeast(errors, "runs.poll.maxConsecutiveFailures", "civis.runs.poll.max-consecutive-failures",
                poll.getMaxConsecutiveFailures(), 1);
    }

    private static void lookup(CivisProperties.Lookup lookup, Errors errors) {
        notNegative(errors, "lookup.cacheTtl", "civis.lookup.cache-ttl", lookup.getCacheTtl());
        atLeast(errors, "lookup.cacheSize", "civis.lookup.cache-size", lookup.getCacheSize(), 1);
        if (lookup.getCacheName() == null || lookup.getCacheName().isBlank()) {
            errors.rejectValue("lookup.cacheName", "civis.blank",
                    "civis.lookup.cache-name must not be blank, was '" + lookup.getCacheName() + "'");
        }
    }

    private static void rateLimit(CivisProperties.RateLimit rateLimit, Errors errors) {
        limit(errors, "rateLimit.general", "civis.rate-limit.general", rateLimit.getGeneral());
        limit(errors, "rateLimit.runCreating", "civis.rate-limit.run-creating", rateLimit.getRunCreating());
        notNegative(errors, "rateLimit.maxWait", "civis.rate-limit.max-wait", rateLimit.getMaxWait());
        atLeast(errors, "rateLimit.instances", "civis.rate-limit.instances", rateLimit.getInstances(), 1);
        positive(errors, "rateLimit.storeTimeout", "civis.rate-limit.store-timeout", rateLimit.getStoreTimeout());
    }

    private static void batch(CivisProperties.Batch batch, Errors errors) {
        if (batch.getImportEvery() == null || batch.getImportEvery().isNegative()) {
            errors.rejectValue("batch.importEvery", "civis.negative",
                    "civis.batch.import-every must be 0 (one import at the end of a step) or a positive size, was "
                            + batch.getImportEvery());
        }
        positive(errors, "batch.timeout", "civis.batch.timeout", batch.getTimeout());
    }

    private static void limit(Errors errors, String field, String property, @Nullable String value) {
        if (value == null) {
            errors.rejectValue(field, "civis.badLimit", property + " is not set; write requests/window, e.g. 1000/300s");
            return;
        }
        try {
            RateLimit.parse(value);
        }
        catch (IllegalArgumentException ex) {
            // the parser's message names the form expected and the value given
            errors.rejectValue(field, "civis.badLimit", property + ": " + ex.getMessage());
        }
    }

    private static void positive(Errors errors, String field, String property, @Nullable Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            errors.rejectValue(field, "civis.notPositive", property + " must be a positive duration, was " + value);
        }
    }

    private static void notNegative(Errors errors, String field, String property, @Nullable Duration value) {
        if (value == null || value.isNegative()) {
            errors.rejectValue(field, "civis.negative",
                    property + " must be zero or a positive duration, was " + value);
        }
    }

    private static void atLeast(Errors errors, String field, String property, int value, int minimum) {
        if (value < minimum) {
            errors.rejectValue(field, "civis.tooSmall", property + " must be at least " + minimum + ", was " + value);
        }
    }

}
