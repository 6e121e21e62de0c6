package io.github.civis.client.internal.transport;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Sends one request and hands the whole answer, whatever its status, to a handler: the one step
 * of a call that touches the wire. {@link RequestStage} builds the request (route, query,
 * headers, JSON body) and {@link ResponseStage} reads the answer (status, rate limits, errors,
 * JSON); an exchange only carries bytes.
 */
interface Exchange {

    /**
     * A cold {@code Mono} that sends the request on every subscription.
     * @param method the HTTP verb
     * @param uri the absolute URI, already encoded
     * @param headers the request headers, in order
     * @param body the JSON body, or {@code null} for none
     * @param handler reads the answer; may throw the call's failure, or return {@code null} for no value
     * @param <T> the result type
     * @return the handler's value; wire failures as they come from the HTTP client
     */
    <T> Mono<T> exchange(String method, URI uri, Map<String, String> headers, byte @Nullable [] body,
            Handler<T> handler);

    /** Reads one answer. */
    @FunctionalInterface
    interface Handler<T> {

        /**
         * @param status the HTTP status code
         * @param headers the response headers
         * @param body the whole body, empty when there was none
         * @return the value, or {@code null} for none
         */
        @Nullable T handle(int status, HttpHeaders headers, byte[] body);
    }
}
