package io.github.civis.client.internal.transport;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.reactive.function.client.WebClientException;

import io.github.civis.client.error.CivisException;
import io.github.civis.client.error.CivisResponseTooLargeException;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.transport.OperationDescriptor;

/**
 * Maps what fails before an answer is read (a refused connection, a timeout, a body over the
 * in-memory limit) to the client's exceptions, each naming the call and, for a timeout, the
 * phase and the limit that ran out.
 */
final class WireFailures {

    private final URI baseUrl;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final @Nullable Duration callTimeout;

    /**
     * @param baseUrl the API's base URL, named when its host cannot be resolved
     * @param connectTimeout named when connecting ran out of time
     * @param responseTimeout named when the response headers came too late
     * @param callTimeout named when the whole attempt ran out of time
     */
    WireFailures(URI baseUrl, Duration connectTimeout, Duration responseTimeout, @Nullable Duration callTimeout) {
        this.baseUrl = baseUrl;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.callTimeout = callTimeout;
    }

    /** Whether a failure came from the wire (rather than from reading an answer, or a bug). */
    static boolean isWireFailure(Throwable failure) {
        if (failure instanceof CivisException) {
            return false;
        }
        return failure instanceof WebClientException || failure instanceof IOException
                || failure instanceof DataBufferLimitException
                || failure instanceof TimeoutException || cause(failure, IOException.class) != null
                || cause(failure, ReadTimeoutException.class) != null;
    }

    /**
     * The client's exception for a wire failure.
     * @param failure what the HTTP client failed with
     * @param operation what was called
     * @param path the expanded route
     * @return the exception to fail the attempt with
     */
    CivisException map(Throwable failure, OperationDescriptor operation, String path) {
        String method = operation.method();
        String route = operation.route();
        if (cause(failure, DataBufferLimitException.class) != null) {
            return new CivisResponseTooLargeException(method, route, path, failure);
        }
        if (failure instanceof TimeoutException) {
            return new CivisTimeoutException(CivisTimeoutException.Phase.CALL, callTimeout, method, route, path,
                    failure);
        }
        if (cause(failure, ReadTimeoutException.class) != null) {
            return new CivisTimeoutException(CivisTimeoutException.Phase.RESPONSE, responseTimeout, method, route,
                    path, failure);
        }
        if (cause(failure, ConnectTimeoutException.class) != null) {
            return new CivisTimeoutException(CivisTimeoutException.Phase.CONNECT, connectTimeout, method, route,
                    path, failure);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
        if (cause(failure, UnknownHostException.class) != null) {
            // The resolver's own words ("Query failed with NXDOMAIN") do not name the host.
            reason = "the host " + hostAndPort(baseUrl) + " could not be resolved (" + reason
                    + "): check the base URL";
        }
        return new CivisTransportException(method + " " + route + " (" + path + ") failed before a response arrived: "
                + reason, method, route, path, failure);
    }

    /** {@code host:port} of a base URL, the port the scheme's default when none is given. */
    private static String hostAndPort(URI baseUrl) {
        int port = (baseUrl.getPort() >= 0) ? baseUrl.getPort() : "http".equalsIgnoreCase(baseUrl.getScheme()) ? 80 : 443;
        return baseUrl.getHost() + ":" + port;
    }

    private static <E extends Throwable> @Nullable E cause(Throwable failure, Class<E> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }
}
