package io.github.civis.client.transport;

import tools.jackson.databind.JsonNode;

/**
 * Turns a decoded response body into the value a generated method returns.
 *
 * @param <T> the returned type
 */
@FunctionalInterface
public interface ResponseReader<T> {

    /**
     * Reads the body.
     * @param body the JSON body; a {@code MissingNode} when the response has none
     * @param metadata status and headers of the response
     * @return the value to return to the caller
     */
    T read(JsonNode body, ResponseMetadata metadata);
}
