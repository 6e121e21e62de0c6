package io.github.civis.simulator.faults;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One fault to inject: what happens ({@link Kind}), how often ({@link #rate()}), where
 * ({@link #verb()} and {@link #route()}) and for how many calls ({@link #times()}). Immutable;
 * the {@code with…}/{@code on…} methods return modified copies.
 *
 * <pre>{@code
 * FaultRule.status(429).retryAfter(Duration.ofSeconds(1)).times(2);
 * FaultRule.status(503).rate(0.2);
 * FaultRule.latency(Duration.ofMillis(300)).on("GET", "/credentials/{id}");
 * FaultRule.dropConnection().times(1);
 * }</pre>
 *
 * @param kind what the fault does
 * @param status the HTTP status of a {@link Kind#STATUS} fault
 * @param retryAfter the {@code Retry-After} of a status fault, or {@code null} for none
 * @param latency the delay of a {@link Kind#LATENCY} fault
 * @param rate the probability, 0 to 1, that a matching call gets the fault
 * @param verb the HTTP verb the rule applies to, or {@code null} for every verb
 * @param route the route template (e.g. {@code /credentials/{id}}) or concrete path the rule
 *        applies to, or {@code null} for every route
 * @param times how many calls get the fault before the rule is used up, or {@code null} for no limit
 */
public record FaultRule(Kind kind, int status, @Nullable Duration retryAfter, Duration latency, double rate,
        @Nullable String verb, @Nullable String route, @Nullable Integer times) {

    /** What a fault does to a call. */
    public enum Kind {
        /** Answers with an error status and a Civis-style JSON error (429 may carry {@code Retry-After}). */
        STATUS,
        /** Delays the answer; the call is then served normally (or by another fault). */
        LATENCY,
        /** Closes the connection without answering. */
        DROP_CONNECTION,
        /** Serves the call, then sends a truncated, unparseable JSON body. */
        MALFORMED_JSON
    }

    /** The longest latency a rule may add: beyond it a call is better dropped than delayed. */
    public static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    /** Checks the values. */
    public FaultRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(latency, "latency");
        if (kind == Kind.STATUS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("Fault status must be 400 to 599, was " + status);
        }
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("Fault rate must be between 0 and 1, was " + rate);
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("Fault times must be at least 1, was " + times);
        }
        if (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("Fault latency must be from 0 to " + MAX_LATENCY.toMillis() + " ms, was "
                    + latency.toMillis() + " ms");
        }
        verb = (verb != null) ? verb.toUpperCase(Locale.ROOT) : null;
        route = (route != null) ? normalizeRoute(route) : null;
    }

    /** Every matching call answers with this status (a Civis-style JSON error). */
    public static FaultRule status(int status) {
        return new FaultRule(Kind.STATUS, status, null, Duration.ZERO, 1.0, null, null, null);
    }

    /** Every matching call is delayed by that much. */
    public static FaultRule latency(Duration latency) {
        return new FaultRule(Kind.LATENCY, 0, null, latency, 1.0, null, null, null);
    }

    /** Every matching call has its connection closed without an answer. */
    public static FaultRule dropConnection() {
        return new FaultRule(Kind.DROP_CONNECTION, 0, null, Duration.ZERO, 1.0, null, null, null);
    }

    /** Every matching call is served with a body that is not valid JSON. */
    public static FaultRule malformedJson() {
        return new FaultRule(Kind.MALFORMED_JSON, 0, null, Duration.ZERO, 1.0, null, null, null);
    }

    /** This rule applied to a share of matching calls only (0 to 1). */
    public FaultRule rate(double rate) {
        return new FaultRule(kind, status, retryAfter, latency, rate, verb, route, times);
    }

    /** This rule applied to the next {@code times} matching calls only. */
    public FaultRule times(int times) {
        return new FaultRule(kind, status, retryAfter, latency, rate, verb, route, times);
    }

    /** This rule with a {@code Retry-After} header. */
    public FaultRule retryAfter(Duration retryAfter) {
        return new FaultRule(kind, status, retryAfter, latency, rate, verb, route, times);
    }

    /**
     * This rule limited to one operation.
     *
     * @param verb the HTTP verb, or {@code null} for any
     * @param route a catalog route template such as {@code /credentials/{id}}, or a concrete path
     */
    public FaultRule on(@Nullable String verb, String route) {
        return new FaultRule(kind, status, retryAfter, latency, rate, verb, route, times);
    }

    /** Whether the rule concerns that call. */
    boolean matches(String callVerb, @Nullable String routeTemplate, String path) {
        if (verb != null && !verb.equals(callVerb)) {
            return false;
        }
        return route == null || route.equals(routeTemplate) || route.equals(normalizeRoute(path));
    }

    /** Routes compare without a trailing slash, as {@code /credentials/} and {@code /credentials} are one route. */
    public static String normalizeRoute(String route) {
        String trimmed = route.replaceAll("/{2,}", "/");
        return (trimmed.length() > 1 && trimmed.endsWith("/")) ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
