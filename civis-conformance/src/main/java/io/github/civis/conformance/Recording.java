package io.github.civis.conformance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.NullNode;

/**
 * One recorded exchange with the Civis API, as the conformance file holds it:
 * <pre>{@code
 * {"id": 27,
 *  "operation": {"verb": "GET", "path": "/credentials/"},            route template
 *  "description": "...",
 *  "request":  {"method": "GET", "path": "/credentials",              concrete path
 *               "rawQuery": "remoteHostId=24", "query": {"remoteHostId": "24"}, "body": null},
 *  "response": {"status": 200, "headers": {...}, "body": [...]}}
 * }</pre>
 *
 * @param label how the recording is named in the output: its {@code id}, or {@code #index}
 *        (position in the file, from 0) when it has none
 * @param verb the operation's HTTP verb, upper case
 * @param route the operation's route template
 * @param method the recorded request's HTTP method, upper case
 * @param path the recorded concrete path, as sent (possibly percent-encoded)
 * @param query the recorded query values by key (a key may end in {@code []})
 * @param body the recorded JSON request body; JSON null when there was none
 * @param status the recorded response status
 * @param headers the recorded response headers
 * @param responseBody the recorded response body; JSON null when there was none
 */
record Recording(String label, String verb, String route, String method, String path,
        Map<String, List<String>> query, JsonNode body, int status, Map<String, String> headers,
        JsonNode responseBody) {

    /**
     * Reads one element of a conformance file.
     * @param node the element
     * @param index its position in the file, used as its label when it has no {@code id}
     * @return the recording
     * @throws InvalidRecording naming the first missing or malformed field
     */
    static Recording parse(JsonNode node, int index) {
        String label = label(node, index);
        if (!node.isObject()) {
            throw new InvalidRecording(label, null, null, "not a JSON object");
        }
        String verb = text(node, "operation", "verb");
        String route = text(node, "operation", "path");
        String upperVerb = (verb != null) ? verb.toUpperCase(Locale.ROOT) : null;
        String missing = (verb == null) ? "operation.verb" : (route == null) ? "operation.path" : null;
        String method = text(node, "request", "method");
        String path = text(node, "request", "path");
        JsonNode status = node.path("response").path("status");
        if (missing == null) {
            missing = (method == null) ? "request.method" : (path == null) ? "request.path"
                    : !status.isIntegralNumber() ? "response.status" : null;
        }
        if (missing != null) {
            throw new InvalidRecording(label, upperVerb, route, "missing or malformed required field '" + missing + "'");
        }
        JsonNode request = node.get("request");
        JsonNode response = node.get("response");
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode recordedHeaders = response.path("headers");
        if (recordedHeaders.isObject()) {
            for (Map.Entry<String, JsonNode> header : recordedHeaders.properties()) {
                headers.put(header.getKey(), header.getValue().isString() ? header.getValue().stringValue()
                        : header.getValue().toString());
            }
        }
        else if (!recordedHeaders.isMissingNode() && !recordedHeaders.isNull()) {
            throw new InvalidRecording(label, upperVerb, route, "response.headers is not an object");
        }
        return new Recording(label, upperVerb, route, method.toUpperCase(Locale.ROOT), path,
                query(request, label, upperVerb, route), orNull(request.get("body")), status.intValue(), headers,
                orNull(response.get("body")));
    }

    private static String label(JsonNode node, int index) {
        JsonNode id = node.path("id");
        if (id.isString() && !id.stringValue().isBlank()) {
            return id.stringValue();
        }
        return id.isNumber() ? id.toString() : "#" + index;
    }

    private static String text(JsonNode node, String object, String field) {
        JsonNode value = node.path(object).path(field);
        return (value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
    }

    private static JsonNode orNull(JsonNode value) {
        return (value == null || value instanceof MissingNode) ? NullNode.getInstance() : value;
    }

    /**
     * The recorded query: the decoded {@code query} object when present, otherwise the
     * {@code rawQuery} string decoded as a form ({@code +} is a space, as Rails reads it).
     */
    private static Map<String, List<String>> query(JsonNode request, String label, String verb, String route) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        JsonNode decoded = request.path("query");
        if (decoded.isObject() && !decoded.isEmpty()) {
            for (Map.Entry<String, JsonNode> entry : decoded.properties()) {
                List<String> values = new ArrayList<>();
                if (entry.getValue().isArray()) {
                    entry.getValue().forEach(each -> values.add(scalar(each)));
                }
                else {
                    values.add(scalar(entry.getValue()));
                }
                query.put(entry.getKey(), values);
            }
            return query;
        }
        if (!decoded.isMissingNode() && !decoded.isNull() && !decoded.isObject()) {
            throw new InvalidRecording(label, verb, route, "request.query is not an object");
        }
        JsonNode raw = request.path("rawQuery");
        return raw.isString() ? parseQuery(raw.stringValue()) : query;
    }

    private static String scalar(JsonNode value) {
        return value.isString() ? value.stringValue() : value.toString();
    }

    /**
     * Decodes a query string into values by key, in order.
     * @param raw the query string without {@code ?}; may be {@code null}
     * @return the values by decoded key
     */
    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            // a stray '%' that is not an escape: take the text as it is
            return text;
        }
    }

    /** Whether the recorded response is a success (2xx). */
    boolean success() {
        return status >= 200 && status < 300;
    }

    /**
     * A recording that cannot be replayed because a required field is missing or malformed.
     */
    static final class InvalidRecording extends RuntimeException {

        private final String label;
        private final String verb;
        private final String route;

        InvalidRecording(String label, String verb, String route, String reason) {
            super("invalid recording: " + reason, null, false, false);
            this.label = label;
            this.verb = verb;
            this.route = route;
        }

        String label() {
            return label;
        }

        String verb() {
            return verb;
        }

        String route() {
            return route;
        }
    }
}
