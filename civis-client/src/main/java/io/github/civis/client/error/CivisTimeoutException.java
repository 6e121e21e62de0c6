package io.github.civis.client.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The call did not complete in time. {@link #phase()} tells which limit was hit.
 */
public class CivisTimeoutException extends CivisTransportException {

    /** Which time limit a call exceeded. */
    public enum Phase {
        /** No connection could be opened within the connect timeout. */
        CONNECT,
        /** The response's status and headers did not arrive within the response timeout. */
        RESPONSE,
        /**
         * One attempt, from sending to reading the whole body, exceeded the call timeout: the
         * bound of a body that arrives slowly.
         */
        CALL
    }

    private final Phase phase;
    private final Duration timeout;

    /**
     * Creates the exception.
     * @param phase which limit was hit
     * @param timeout the limit
     * @param httpMethod the HTTP verb
     * @param route the route template
     * @param path the concrete path
     * @param cause the underlying timeout signal
     */
    public CivisTimeoutException(Phase phase, Duration timeout, String httpMethod, String route, String path,
            @Nullable Throwable cause) {
        super(describe(phase, timeout, httpMethod, route, path), httpMethod, route, path, cause);
        this.phase = phase;
        this.timeout = timeout;
    }

    private static String describe(Phase phase, Duration timeout, String method, String route, String path) {
        String what = switch (phase) {
            case CONNECT -> "could not connect within the connect timeout";
            case RESPONSE -> "got no response headers within the response timeout";
            case CALL -> "did not complete within the call timeout";
        };
        return method + " " + route + " (" + path + ") " + what + " of " + timeout.toMillis() + " ms";
    }

    /** Which limit was hit. */
    public Phase phase() {
        return phase;
    }

    /** The limit that was exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
