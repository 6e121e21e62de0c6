package io.github.civis.client.error;

import org.jspecify.annotations.Nullable;

/**
 * A response body was larger than the client may hold in memory. Not retried: the same call
 * would get the same body. Raise the limit with {@code CivisClient.builder().maxInMemorySize(...)}
 * or ask for smaller pages.
 */
public class CivisResponseTooLargeException extends CivisCallException {

    /**
     * Creates the exception.
     * @param httpMethod the HTTP verb
     * @param route the route template
     * @param path the concrete path
     * @param cause the buffer-limit failure
     */
    public CivisResponseTooLargeException(String httpMethod, String route, String path, @Nullable Throwable cause) {
        super(httpMethod + " " + route + " (" + path + ") returned a body larger than the client's in-memory limit"
                + " (CivisClient.builder().maxInMemorySize(...))", httpMethod, route, path, cause);
    }
}
