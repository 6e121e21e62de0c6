package io.github.civis.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The call got no HTTP response: the connection was refused, reset or closed before the response
 * was complete. Idempotent calls are retried on this by default.
 */
public class CivisTransportException extends CivisCallException {

    /**
     * Creates the exception.
     * @param message what went wrong
     * @param httpMethod the HTTP verb
     * @param route the route template
     * @param path the concrete path
     * @param cause the I/O failure
     */
    public CivisTransportException(String message, String httpMethod, String route, String path,
            @Nullable Throwable cause) {
        super(message, httpMethod, route, path, cause);
    }
}
