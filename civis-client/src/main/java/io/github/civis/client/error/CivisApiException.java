package io.github.civis.client.error;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.ratelimit.RateLimitStatus;

/**
 * The Civis API answered a call with a status other than 2xx. Subclasses tell the common cases
 * apart by type; {@link #status()} and the other accessors carry the details.
 */
public class CivisApiException extends CivisCallException {

    private final CivisApiError details;

    /**
     * Creates the exception with the standard message.
     * @param details what the API said
     */
    public CivisApiException(CivisApiError details) {
        this(details, details.summary());
    }

    /**
     * Creates the exception with a message of its own.
     * @param details what the API said
     * @param message the message
     */
    protected CivisApiException(CivisApiError details, String message) {
        super(message, details.httpMethod(), details.route(), details.path(), null);
        this.details = details;
    }

    /**
     * The exception type that fits a status.
     * @param details what the API said
     * @return an exception of the most specific type
     */
    public static CivisApiException of(CivisApiError details) {
        int status = details.status();
        if (status == 401) {
            return new CivisAuthenticationException(details);
        }
        if (status == 403) {
            return new CivisForbiddenException(details);
        }
        if (status == 404) {
            return new CivisNotFoundException(details);
        }
        if (status == 409) {
            return new CivisConflictException(details);
        }
        if (status == 429) {
            return new CivisRateLimitException(details);
        }
        if (status >= 500) {
            return new CivisServerException(details);
        }
        if (status >= 400) {
            return new CivisClientErrorException(details);
        }
        return new CivisApiException(details);
    }

    /** Everything the API said, as one value. */
    public CivisApiError details() {
        return details;
    }

    /** The HTTP status code. */
    public int status() {
        return details.status();
    }

    /** The {@code error} code of the body, or {@code null}. */
    public @Nullable String error() {
        return details.error();
    }

    /** The {@code errorDescription} of the body, or {@code null}. */
    public @Nullable String errorDescription() {
        return details.errorDescription();
    }

    /** The {@code code} of the body, or {@code null}. */
    public @Nullable Integer code() {
        return details.code();
    }

    /** The rate-limit headers of the response. */
    public RateLimitStatus rateLimit() {
        return details.rateLimit();
    }

    /** The wait the response asked for with {@code Retry-After}, if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(details.retryAfter());
    }

    /** The first characters of a body that was not JSON, or {@code null}. */
    public @Nullable String bodyExcerpt() {
        return details.bodyExcerpt();
    }
}
