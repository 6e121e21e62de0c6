package io.github.civis.client.internal.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.error.CivisConfigurationException;
import io.github.civis.client.error.CivisValidationException;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.transport.OperationDescriptor;
import io.github.civis.client.transport.ParameterDescriptor;

/**
 * The request stage of a call: turns an operation and its arguments into the bytes to send
 * (the encoded URI, the headers with {@code Authorization}, the JSON body), and supplies the
 * key. Nothing here touches the wire; each attempt asks for a fresh request, so that a rotated
 * key is picked up by the next attempt.
 */
final class RequestStage {

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private final String baseUrl;
    private final Supplier<String> apiKey;
    private final JsonMapper json;
    /** The headers every request carries besides {@code Authorization}, in order; built once. */
    private final Map<String, String> fixedHeaders;
    private volatile @Nullable Authorization lastAuthorization;

    /**
     * @param settings the base URL, key supplier, user agent and extra headers
     * @param json writes request bodies
     */
    RequestStage(TransportSettings settings, JsonMapper json) {
        String base = settings.baseUrl().toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.apiKey = settings.apiKey();
        this.json = json;
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put(HttpHeaders.USER_AGENT, settings.userAgent());
        fixed.put(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        fixed.putAll(settings.extraHeaders());
        this.fixedHeaders = Collections.unmodifiableMap(fixed);
    }

    /** One request as it goes on the wire; {@code path} is the expanded route, for messages. */
    record Outgoing(String method, URI uri, String path, Map<String, String> headers, byte @Nullable [] body) {

        @Override
        public String toString() {
            // the headers carry the key
            return "Outgoing[" + method + " " + path + "]";
        }
    }

    /**
     * The key to send now, trimmed.
     * @throws CivisConfigurationException when the supplier gives no key
     */
    String currentKey() {
        String key = apiKey.get();
        if (key == null || key.isBlank()) {
            throw new CivisConfigurationException("apiKey", "CIVIS_API_KEY",
                    "apiKey: the API key supplier returned no key");
        }
        return key.trim();
    }

    /**
     * The request of one attempt.
     * @param operation what is called
     * @param arguments its arguments
     * @param key the key to authorize with
     * @return the request
     */
    Outgoing build(OperationDescriptor operation, CallArguments arguments, String key) {
        String path = expandRoute(operation, arguments.pathValues());
        URI uri = URI.create(baseUrl + path + queryString(arguments.query()));
        Map<String, String> headers = new LinkedHashMap<>(fixedHeaders.size() + 1);
        headers.put(HttpHeaders.AUTHORIZATION, authorization(key));
        headers.putAll(fixedHeaders);
        byte[] body = (arguments.body() != null) ? json.writeValueAsBytes(arguments.body()) : null;
        return new Outgoing(operation.method(), uri, path, headers, body);
    }

    /**
     * The {@code Authorization} value for a key. The last one is kept, so that a call does not
     * build the same string again while the key stays the same.
     */
    private String authorization(String key) {
        Authorization last = lastAuthorization;
        if (last == null || !last.key().equals(key)) {
            last = new Authorization(key, "Bearer " + key);
            lastAuthorization = last;
        }
        return last.header();
    }

    private record Authorization(String key, String header) {

        @Override
        public String toString() {
            return "Authorization[(hidden)]";
        }
    }

    /**
     * The concrete path: each placeholder replaced by its encoded value. Values come in the
     * order of the operation's path parameters (the documented argument order), which is not
     * always the order of the placeholders in the route, so placeholders are matched by name.
     */
    static String expandRoute(OperationDescriptor operation, List<Object> pathValues) {
        String route = operation.route();
        if (route.indexOf('{') < 0) {
            return route;
        }
        // All parameters, path ones first: scanned directly rather than through
        // pathParameters(), which builds a filtered list on every call.
        List<ParameterDescriptor> parameters = operation.parameters();
        StringBuilder path = new StringBuilder(route.length() + 16);
        int position = 0;
        while (position < route.length()) {
            int open = route.indexOf('{', position);
            if (open < 0) {
                path.append(route, position, route.length());
                break;
            }
            int close = route.indexOf('}', open);
            if (close < 0) {
                throw new IllegalStateException("Malformed route template " + route);
            }
            path.append(route, position, open);
            String name = route.substring(open + 1, close);
            int index = 0;
            int pathIndex = -1;
            for (ParameterDescriptor parameter : parameters) {
                if (parameter.location() == ParameterDescriptor.Location.PATH) {
                    if (parameter.wireName().equals(name)) {
                        pathIndex = index;
                        break;
                    }
                    index++;
                }
            }
            if (pathIndex < 0 || pathIndex >= pathValues.size() || pathValues.get(pathIndex) == null) {
                throw new CivisValidationException(operation.displayName() + ": no value for path parameter '"
                        + name + "'");
            }
            Object value = pathValues.get(pathIndex);
            if (value instanceof Long || value instanceof Integer) {
                // digits and '-' need no encoding
                path.append(value);
            }
            else {
                path.append(UriUtils.encodePathSegment(String.valueOf(value), StandardCharsets.UTF_8));
            }
            position = close + 1;
        }
        return path.toString();
    }

    static String queryString(Map<String, List<String>> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            for (String value : entry.getValue()) {
                text.append(text.isEmpty() ? '?' : '&')
                        .append(encodeQuery(entry.getKey()))
                        .append('=')
                        .append(encodeQuery(value));
            }
        }
        return text.toString();
    }

    /**
     * Percent-encodes everything but RFC 3986's unreserved characters. Encoding only what the URI
     * syntax requires is not enough: servers split a query on ';' as on '&' (Rack, Netty), read a
     * bare '+' as a space, and the platform's name filters treat '*' as a wildcard only when it
     * arrives as such, so the value the server sees must be exactly the value given.
     */
    static String encodeQuery(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            }
            else {
                encoded.append('%').append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0x0F]);
            }
        }
        return encoded.toString();
    }
}
