package io.github.civis.client.retry;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisTransportException;

/**
 * When and how long to wait before repeating a failed call. One immutable policy serves both the
 * blocking path (Spring's {@code RetryTemplate}) and the
 * reactive path (Reactor's {@code retryWhen}), so both behave
 * the same.
 *
 * <p>Defaults: GET, PUT, DELETE, HEAD and OPTIONS are retried on 429, 502, 503, 504 and on
 * connection failures and timeouts; POST only on 429 and 503, because after any other failure the
 * server may already have executed it; PATCH never. Waits grow exponentially from 1 s by a factor
 * of 2 up to 60 s, with full jitter, and are never shorter than the {@code Retry-After} the API
 * sent. At most 10 attempts and 600 s in total; when no connection could be made at all
 * (refused, unknown host, connect timeout, failed TLS handshake), at most 3 attempts, so that a
 * wrong base URL fails within seconds instead of minutes.
 */
public final class CivisRetryPolicy {

    private static final Set<Integer> IDEMPOTENT_STATUSES = Set.of(429, 502, 503, 504);
    private static final Set<Integer> POST_STATUSES = Set.of(429, 503);

    private final int maxAttempts;
    private final int maxConnectionFailureAttempts;
    private final Duration maxElapsed;
    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final Map<String, Set<Integer>> retryableStatuses;
    private final Set<String> connectionFailureMethods;
    private final DoubleSupplier jitter;

    private CivisRetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.maxConnectionFailureAttempts = builder.maxConnectionFailureAttempts;
        this.maxElapsed = builder.maxElapsed;
        this.initialDelay = builder.initialDelay;
        this.multiplier = builder.multiplier;
        this.maxDelay = builder.maxDelay;
        Map<String, Set<Integer>> statuses = new HashMap<>();
        builder.retryableStatuses.forEach((method, codes) -> statuses.put(method, Set.copyOf(codes)));
        this.retryableStatuses = Map.copyOf(statuses);
        this.connectionFailureMethods = Set.copyOf(builder.connectionFailureMethods);
        this.jitter = builder.jitter;
    }

    /** The default policy (see the class description). */
    public static CivisRetryPolicy defaults() {
        return builder().build();
    }

    /** A policy that never retries. */
    public static CivisRetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxAttempts = maxAttempts;
        builder.maxConnectionFailureAttempts = maxConnectionFailureAttempts;
        builder.maxElapsed = maxElapsed;
        builder.initialDelay = initialDelay;
        builder.multiplier = multiplier;
        builder.maxDelay = maxDelay;
        builder.retryableStatuses.clear();
        retryableStatuses.forEach((method, codes) -> builder.retryableStatuses.put(method, new HashSet<>(codes)));
        builder.connectionFailureMethods.clear();
        builder.connectionFailureMethods.addAll(connectionFailureMethods);
        builder.jitter = jitter;
        return builder;
    }

    /** Most attempts per call, the first one included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Most attempts of a call whose last attempt could not connect at all (refused, unknown host,
     * connect timeout, failed TLS handshake); never more than {@link #maxAttempts()}.
     */
    public int maxConnectionFailureAttempts() {
        return Math.min(maxConnectionFailureAttempts, maxAttempts);
    }

    /**
     * The attempts a call may make given its latest failure: {@link #maxConnectionFailureAttempts()}
     * when no connection could be made, else {@link #maxAttempts()}.
     * @param failure the failure of the last attempt
     * @return the attempt budget, the first attempt included
     */
    public int attemptBudget(Throwable failure) {
        return isConnectionFailure(failure) ? maxConnectionFailureAttempts() : maxAttempts;
    }

    /**
     * Whether no connection could be made: the cause is a refused or timed-out connect, an
     * unknown host, no route, or a failed TLS handshake.
     */
    private static boolean isConnectionFailure(Throwable failure) {
        if (!(failure instanceof CivisTransportException)) {
            return false;
        }
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            // Netty's ConnectTimeoutException and AnnotatedConnectException are ConnectExceptions
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.NoRouteToHostException
                    || cause instanceof javax.net.ssl.SSLHandshakeException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Longest time from the first attempt after which no retry is started. */
    public Duration maxElapsed() {
        return maxElapsed;
    }

    /** Upper bound of the first wait. */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** Growth factor of the wait bound per retry. */
    public double multiplier() {
        return multiplier;
    }

    /** Upper bound of any computed wait (a longer {@code Retry-After} still wins). */
    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * Whether a failure of a call with this HTTP verb may be retried at all, regardless of the
     * attempt count.
     * @param httpMethod the HTTP verb
     * @param failure the failure of the last attempt
     * @return whether the failure is retryable for this verb
     */
    public boolean isRetryable(String httpMethod, Throwable failure) {
        String method = httpMethod.toUpperCase(Locale.ROOT);
        if (failure instanceof CivisApiException api) {
            return retryableStatuses.getOrDefault(method, Set.of()).contains(api.status());
        }
        // Timeouts are a kind of transport failure: for an idempotent verb repeating is safe.
        return failure instanceof CivisTransportException && connectionFailureMethods.contains(method);
    }

    /**
     * The wait before the next attempt, or {@code null} to give up.
     * @param httpMethod the HTTP verb
     * @param failure the failure of the last attempt
     * @param attemptsMade attempts made so far, at least 1
     * @param elapsed time since the first attempt started
     * @return the wait, or {@code null} when the failure is not retryable or a limit is reached
     */
    public @Nullable Duration nextDelay(String httpMethod, Throwable failure, int attemptsMade, Duration elapsed) {
        if (attemptsMade >= attemptBudget(failure) || !isRetryable(httpMethod, failure)) {
            return null;
        }
        Duration retryAfter = (failure instanceof CivisApiException api) ? api.retryAfter().orElse(null) : null;
        Duration delay = backoff(attemptsMade, retryAfter);
        // compared as a remainder so that no header value, however large, can overflow
        if (delay.compareTo(maxElapsed.minus(elapsed)) > 0) {
            return null;
        }
        return delay;
    }

    /**
     * The wait after the given number of failed attempts: a random time between zero and
     * {@code min(maxDelay, initialDelay * multiplier^(failedAttempts - 1))} ("full jitter", which
     * spreads out clients that failed together), but never shorter than {@code retryAfter}.
     * @param failedAttempts attempts that failed so far, at least 1
     * @param retryAfter the wait the API asked for, or {@code null}
     * @return the wait
     */
    public Duration backoff(int failedAttempts, @Nullable Duration retryAfter) {
        double bound = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        double capped = Math.min(bound, maxDelay.toMillis());
        double fraction = Math.min(1.0, Math.max(0.0, jitter.getAsDouble()));
        Duration delay = Duration.ofMillis((long) (capped * fraction));
        return (retryAfter != null && retryAfter.compareTo(delay) > 0) ? retryAfter : delay;
    }

    @Override
    public String toString() {
        return "CivisRetryPolicy{maxAttempts=" + maxAttempts + ", maxConnectionFailureAttempts="
                + maxConnectionFailureAttempts + ", maxElapsed=" + maxElapsed + ", initialDelay="
                + initialDelay + ", multiplier=" + multiplier + ", maxDelay=" + maxDelay + ", retryableStatuses="
                + retryableStatuses + ", connectionFailureMethods=" + connectionFailureMethods + "}";
    }

    /** Builds a {@link CivisRetryPolicy}; starts from the defaults. */
    public static final class Builder {

        private int maxAttempts = 10;
        private int maxConnectionFailureAttempts = 3;
        private Duration maxElapsed = Duration.ofSeconds(600);
        private Duration initialDelay = Duration.ofSeconds(1);
        private double multiplier = 2.0;
        private Duration maxDelay = Duration.ofSeconds(60);
        private final Map<String, Set<Integer>> retryableStatuses = new HashMap<>();
        private final Set<String> connectionFailureMethods = new HashSet<>();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
            for (String method : new String[] { "GET", "PUT", "DELETE", "HEAD", "OPTIONS" }) {
                retryableStatuses.put(method, new HashSet<>(IDEMPOTENT_STATUSES));
                connectionFailureMethods.add(method);
            }
            retryableStatuses.put("POST", new HashSet<>(POST_STATUSES));
            retryableStatuses.put("PATCH", new HashSet<>());
        }

        /**
         * Most attempts per call, the first one included (1 disables retries).
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Most attempts of a call whose last attempt could not connect at all (connection
         * refused, unknown host, connect timeout, failed TLS handshake), the first one included;
         * default 3. {@link #maxAttempts(int)} still bounds it.
         * @param maxConnectionFailureAttempts at least 1
         * @return this builder
         */
        public Builder maxConnectionFailureAttempts(int maxConnectionFailureAttempts) {
            if (maxConnectionFailureAttempts < 1) {
                throw new IllegalArgumentException("maxConnectionFailureAttempts must be at least 1, was "
                        + maxConnectionFailureAttempts);
            }
            this.maxConnectionFailureAttempts = maxConnectionFailureAttempts;
            return this;
        }

        /**
         * Longest total time: no retry starts when its wait would end after this.
         * @param maxElapsed a positive duration
         * @return this builder
         */
        public Builder maxElapsed(Duration maxElapsed) {
            this.maxElapsed = positive(maxElapsed, "maxElapsed");
            return this;
        }

        /**
         * Upper bound of the first wait.
         * @param initialDelay a positive duration
         * @return this builder
         */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = positive(initialDelay, "initialDelay");
            return this;
        }

        /**
         * Growth factor of the wait bound per retry.
         * @param multiplier at least 1
         * @return this builder
         */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0)) {
                throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /**
         * Upper bound of a computed wait; a longer {@code Retry-After} is still honoured.
         * @param maxDelay a positive duration
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = positive(maxDelay, "maxDelay");
            return this;
        }

        /**
         * Sets the statuses on which calls with a verb are retried, replacing the defaults for
         * that verb. No statuses means the verb is never retried on an error response.
         * @param httpMethod the HTTP verb
         * @param statuses the retryable statuses
         * @return this builder
         */
        public Builder retryableStatuses(String httpMethod, Set<Integer> statuses) {
            retryableStatuses.put(httpMethod.toUpperCase(Locale.ROOT), new HashSet<>(statuses));
            return this;
        }

        /**
         * Sets whether calls with a verb are retried when no response arrived (connection
         * refused or reset, timeouts). Only safe for verbs that cannot duplicate a side effect.
         * @param httpMethod the HTTP verb
         * @param retry whether to retry
         * @return this builder
         */
        public Builder retryConnectionFailures(String httpMethod, boolean retry) {
            String method = httpMethod.toUpperCase(Locale.ROOT);
            if (retry) {
                connectionFailureMethods.add(method);
            }
            else {
                connectionFailureMethods.remove(method);
            }
            return this;
        }

        /**
         * Source of the jitter fraction in {@code [0, 1]}; tests pass a constant to get
         * predictable waits.
         * @param jitter the source
         * @return this builder
         */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /** The policy. */
        public CivisRetryPolicy build() {
            return new CivisRetryPolicy(this);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
            }
            return duration;
        }
    }
}
