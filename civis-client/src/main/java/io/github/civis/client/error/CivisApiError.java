package io.github.civis.client.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.ratelimit.RateLimitStatus;

/**
 * What the Civis API said when it answered a call with an error status.
 *
 * @param status the HTTP status code
 * @param httpMethod the HTTP verb of the call
 * @param route the route template, e.g. {@code /credentials/{id}}
 * @param path the concrete path sent, e.g. {@code /credentials/42}
 * @param error the {@code error} code of the JSON body, or {@code null}
 * @param errorDescription the {@code errorDescription} of the JSON body, or {@code null}
 * @param code the {@code code} of the JSON body, or {@code null}
 * @param rateLimit the rate-limit headers of the response
 * @param retryAfter the {@code Retry-After} the response asked for, or {@code null}
 * @param bodyExcerpt the first characters of a body that is not JSON, or {@code null}
 */
public record CivisApiError(int status, String httpMethod, String route, String path, @Nullable String error,
        @Nullable String errorDescription, @Nullable Integer code, RateLimitStatus rateLimit,
        @Nullable Duration retryAfter, @Nullable String bodyExcerpt) {

    /** A one-line description, e.g. {@code GET /credentials/{id} (/credentials/42) failed with 404 not_found: ...}. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(httpMethod).append(' ').append(route).append(" (").append(path).append(") failed with ")
                .append(status);
        if (error != null) {
            text.append(' ').append(error);
        }
        if (errorDescription != null) {
            text.append(": ").append(errorDescription);
        }
        if (bodyExcerpt != null) {
            text.append("; body: \"").append(bodyExcerpt).append('"');
        }
        return text.toString();
    }
}
