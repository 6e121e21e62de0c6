package io.github.civis.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The API answered with an error status.
 */
public class CivisApiException extends CivisException {

    private final int status;
    private final String method;
    private final String route;
    private final @Nullable String error;
    private final @Nullable String errorDescription;

    public CivisApiException(int status, String method, String route, @Nullable String error,
            @Nullable String errorDescription) {
        super(method + " " + route + " failed with HTTP " + status
                + (errorDescription != null ? ": " + errorDescription : ""));
        this.status = status;
        this.method = method;
        this.route = route;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The route template. */
    public String route() {
        return route;
    }

    /** The {@code error} code of the body. */
    public @Nullable String error() {
        return error;
    }

    /** The {@code errorDescription} of the body. */
    public @Nullable String errorDescription() {
        return errorDescription;
    }
}
