package io.github.civis.client.error;

import org.jspecify.annotations.Nullable;

/**
 * Base of the failures of a call that was sent (or attempted) to the Civis API. Carries where the
 * call went and how many attempts were made, so that a failure after retries says so.
 */
public abstract class CivisCallException extends CivisException {

    private final String httpMethod;
    private final String route;
    private final String path;
    // Set once by the retry layer after the last attempt; volatile because reactive retries may
    // record it on another thread than the one that reads it.
    private volatile int attempts = 1;

    /**
     * Creates the exception.
     * @param message what went wrong, without the attempt count (added by {@link #getMessage()})
     * @param httpMethod the HTTP verb
     * @param route the route template, e.g. {@code /credentials/{id}}
     * @param path the concrete path sent, e.g. {@code /credentials/42}
     * @param cause the underlying failure, or {@code null}
     */
    protected CivisCallException(String message, String httpMethod, String route, String path,
            @Nullable Throwable cause) {
        super(message, cause);
        this.httpMethod = httpMethod;
        this.route = route;
        this.path = path;
    }

    /** The HTTP verb of the call. */
    public String httpMethod() {
        return httpMethod;
    }

    /** The route template of the operation, e.g. {@code /credentials/{id}}. */
    public String route() {
        return route;
    }

    /** The concrete path that was sent, e.g. {@code /credentials/42}. */
    public String path() {
        return path;
    }

    /** How many attempts were made before giving up (1 when the call was not retried). */
    public int attempts() {
        return attempts;
    }

    /**
     * Records the number of attempts made. Called by the transport once it gives up; not meant
     * for application code.
     * @param attempts attempts made, at least 1
     */
    public void recordAttempts(int attempts) {
        this.attempts = Math.max(1, attempts);
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        int made = attempts;
        return (made > 1) ? message + " (gave up after " + made + " attempts)" : message;
    }
}
