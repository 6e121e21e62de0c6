package io.github.civis.conformance;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Semantic comparison of JSON values, as the API sees them: numbers compare by value
 * ({@code 1}, {@code 1.0} and {@code 1e0} are equal), object keys in any order, arrays in order.
 */
final class JsonComparison {

    private static final int EXCERPT = 60;

    private JsonComparison() {
    }

    /**
     * A copy of a value with every object key, at any depth, in its {@link WireNames#normal
     * normal form}, so that a snake_case recording and a camelCase request compare equal.
     * @param value a JSON value
     * @return the copy
     */
    static JsonNode normalizeKeys(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                copy.set(WireNames.normal(entry.getKey()), normalizeKeys(entry.getValue()));
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(each -> copy.add(normalizeKeys(each)));
            return copy;
        }
        return value;
    }

    /**
     * The first difference between two values, or {@code null} when they are equal.
     * @param expected the value the recording holds
     * @param actual the value seen
     * @param nullMayBeAbsent whether a key the recording holds as {@code null} may be missing
     * @return a description naming where they differ, e.g. {@code /user/id: expected 44, got 45}
     */
    static @Nullable String difference(JsonNode expected, JsonNode actual, boolean nullMayBeAbsent) {
        return difference("", expected, actual, nullMayBeAbsent);
    }

    private static @Nullable String difference(String at, JsonNode expected, JsonNode actual,
            boolean nullMayBeAbsent) {
        String where = at.isEmpty() ? "/" : at;
        if (expected.isNumber() && actual.isNumber()) {
            return (expected.decimalValue().compareTo(actual.decimalValue()) == 0) ? null
                    : where + ": expected " + excerpt(expected) + ", got " + excerpt(actual);
        }
        if (expected.isObject() && actual.isObject()) {
            for (Map.Entry<String, JsonNode> entry : expected.properties()) {
                JsonNode other = actual.get(entry.getKey());
                if (other == null) {
                    if (nullMayBeAbsent && entry.getValue().isNull()) {
                        continue;
                    }
                    return at + "/" + entry.getKey() + ": missing (expected " + excerpt(entry.getValue()) + ")";
                }
                String inner = difference(at + "/" + entry.getKey(), entry.getValue(), other, nullMayBeAbsent);
                if (inner != null) {
                    return inner;
                }
            }
            for (Map.Entry<String, JsonNode> entry : actual.properties()) {
                if (!expected.has(entry.getKey())) {
                    return at + "/" + entry.getKey() + ": not in the recording (got " + excerpt(entry.getValue()) + ")";
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return where + ": expected " + expected.size() + " elements, got " + actual.size();
            }
            for (int i = 0; i < expected.size(); i++) {
                String inner = difference(at + "/" + i, expected.get(i), actual.get(i), nullMayBeAbsent);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : where + ": expected " + excerpt(expected) + ", got " + excerpt(actual);
    }

    /**
     * A short rendering of a value for messages.
     * @param value a JSON value
     * @return its JSON text, cut to a readable length
     */
    static String excerpt(JsonNode value) {
        String text = value.isMissingNode() ? "nothing" : value.toString();
        return (text.length() > EXCERPT) ? text.substring(0, EXCERPT - 3) + "..." : text;
    }
}
