package io.github.civis.simulator.http;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the simulator sees it, independent of the server library.
 *
 * @param method the HTTP verb, upper case
 * @param path the decoded path, without query
 * @param query the query parameters by name, in order
 * @param headers the headers by lower-case name (first value)
 * @param body the body bytes, empty when none
 */
public record SimulatorRequest(String method, String path, Map<String, List<String>> query,
        Map<String, String> headers, byte[] body) {

    /** The first value of a query parameter, or {@code null}. */
    public @Nullable String queryValue(String name) {
        List<String> values = query.get(name);
        return (values == null || values.isEmpty()) ? null : values.get(0);
    }

    /** A header by name (any case), or {@code null}. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
