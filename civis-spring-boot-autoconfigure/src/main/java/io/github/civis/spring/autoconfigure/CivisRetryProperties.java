package io.github.civis.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Retry settings of the Civis client ({@code civis.retry.*}).
 *
 * <p>Bound on their own, with unknown fields rejected, so that a misspelt setting such as
 * {@code civis.retry.max-attemps} stops the application instead of silently keeping the default.
 *
 * <p>A call whose method is listed in {@code civis.retry.retryable-methods} is retried on HTTP
 * 429, 502, 503 and 504 and when no response arrived (connection refused or reset, timeouts). A
 * POST that is not listed is still retried on 429 and 503, answers that say the request was not
 * carried out; any other method that is not listed is never retried. Waits are
 * {@code Retry-After} when the API sends it, else an exponential backoff with jitter.
 */
@ConfigurationProperties(prefix = "civis.retry", ignoreUnknownFields = false)
public class CivisRetryProperties implements Validator {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "PATCH",
            "POST");

    /**
     * Maximum number of attempts per call, the first one included. 1 turns retries off.
     */
    private int maxAttempts = 10;

    /**
     * Maximum number of attempts per call when no connection could be made at all (refused,
     * unknown host, connect timeout, failed TLS handshake), the first one included. Never more
     * than max-attempts.
     */
    private int maxConnectionFailureAttempts = 3;

    /**
     * Maximum time spent on one call across all its attempts.
     */
    private Duration maxElapsed = Duration.ofSeconds(600);

    /**
     * Wait before the first retry; it doubles on each further retry.
     */
    private Duration initialBackoff = Duration.ofSeconds(1);

    /**
     * Longest wait between two attempts.
     */
    private Duration maxBackoff = Duration.ofSeconds(60);

    /**
     * HTTP methods whose calls are retried on 429, 502, 503, 504 and connection failures (any
     * case; stored upper-case). PATCH and POST are left out by default because repeating them
     * may repeat a change; a POST not listed is still retried on 429 and 503.
     */
    private Set<String> retryableMethods = new LinkedHashSet<>(List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE"));

    public int getMaxAttempts() {
        return this.maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public int getMaxConnectionFailureAttempts() {
        return this.maxConnectionFailureAttempts;
    }

    public void setMaxConnectionFailureAttempts(int maxConnectionFailureAttempts) {
        this.maxConnectionFailureAttempts = maxConnectionFailureAttempts;
    }

    public Duration getMaxElapsed() {
        return this.maxElapsed;
    }

    public void setMaxElapsed(Duration maxElapsed) {
        this.maxElapsed = maxElapsed;
    }

    public Duration getInitialBackoff() {
        return this.initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return this.maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Set<String> getRetryableMethods() {
        return this.retryableMethods;
    }

    public void setRetryableMethods(Set<String> retryableMethods) {
        // upper-cased here, where the value is bound, so that every use compares one spelling
        Set<String> normalized = new LinkedHashSet<>();
        for (String method : retryableMethods) {
            normalized.add(method.trim().toUpperCase(Locale.ROOT));
        }
        this.retryableMethods = normalized;
    }

    @Override
    public boolean supports(Class<?> type) {
        return CivisRetryProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CivisRetryProperties retry = (CivisRetryProperties) target;
        PropertyChecks.atLeast(errors, "maxAttempts", "civis.retry.max-attempts", retry.maxAttempts, 1);
        PropertyChecks.atLeast(errors, "maxConnectionFailureAttempts", "civis.retry.max-connection-failure-attempts",
                retry.maxConnectionFailureAttempts, 1);
        PropertyChecks.positive(errors, "maxElapsed", "civis.retry.max-elapsed", retry.maxElapsed);
        PropertyChecks.positive(errors, "initialBackoff", "civis.retry.initial-backoff", retry.initialBackoff);
        PropertyChecks.positive(errors, "maxBackoff", "civis.retry.max-backoff", retry.maxBackoff);
        for (String method : retry.retryableMethods) {
            if (!HTTP_METHODS.contains(method)) {
                errors.rejectValue("retryableMethods", "civis.unknownMethod",
                        "civis.retry.retryable-methods contains '" + method + "', which is not an HTTP method");
            }
        }
    }

}
