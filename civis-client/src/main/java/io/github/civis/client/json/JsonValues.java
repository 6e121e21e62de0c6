package io.github.civis.client.json;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.civis.client.error.CivisTypeMismatchException;

/**
 * Conversions between JSON values and the Java types of the generated API. Reading is lenient
 * where nothing is lost ({@code "24"} read as an integer gives 24, {@code true} read as a string
 * gives {@code "true"}) and strict where something would be ({@code 1.5} read as an integer
 * throws {@link CivisTypeMismatchException}); the JSON itself is never changed.
 */
public final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    private static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** Reads an integer. */
    public static @Nullable Long asLong(@Nullable JsonNode node, String owner, String field) {
        if (absent(node)) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            BigDecimal decimal = node.decimalValue();
            if (decimal.stripTrailingZeros().scale() <= 0) {
                try {
                    return decimal.longValueExact();
                }
                catch (ArithmeticException ex) {
                    // too large: reported below
                }
            }
        }
        if (node.isString()) {
            try {
                return Long.parseLong(node.stringValue().trim());
            }
            catch (NumberFormatException ex) {
                // reported below
            }
        }
        throw mismatch(owner, field, "integer", node);
    }

    /** Reads a number. */
    public static @Nullable Double asDouble(@Nullable JsonNode node, String owner, String field) {
        if (absent(node)) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isString()) {
            try {
                return Double.parseDouble(node.stringValue().trim());
            }
            catch (NumberFormatException ex) {
                // reported below
            }
        }
        throw mismatch(owner, field, "number", node);
    }

    /** Reads a boolean. */
    public static @Nullable Boolean asBoolean(@Nullable JsonNode node, String owner, String field) {
        if (absent(node)) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            String text = node.stringValue().trim();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        throw mismatch(owner, field, "boolean", node);
    }

    /** Reads a string; numbers and booleans give their JSON text. */
    public static @Nullable String asString(@Nullable JsonNode node, String owner, String field) {
        if (absent(node)) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.toString();
        }
        throw mismatch(owner, field, "string", node);
    }

    /** Reads an ISO-8601 date-time. */
    public static @Nullable OffsetDateTime asDateTime(@Nullable JsonNode node, String owner, String field) {
        if (absent(node)) {
            return null;
        }
        if (node.isString()) {
            try {
                return OffsetDateTime.parse(node.stringValue().trim());
            }
            catch (DateTimeParseException ex) {
                // reported below
            }
        }
        throw mismatch(owner, field, "date-time", node);
    }

    /** Reads an ISO-8601 date. */
    public static @Nullable LocalDate asDate(@Nullable JsonNode node, String owner, String field) {
        if (absent(node)) {
            return null;
        }
        if (node.isString()) {
            try {
                return LocalDate.parse(node.stringValue().trim());
            }
            catch (DateTimeParseException ex) {
                // reported below
            }
        }
        throw mismatch(owner, field, "date", node);
    }

    /** Reads a value of any shape: returns it as sent, {@code null} when absent. */
    public static @Nullable JsonNode asAny(@Nullable JsonNode node, String owner, String field) {
        return (node == null || node.isMissingNode()) ? null : node;
    }

    /** Reads a nested object. */
    public static <T> @Nullable T asObject(@Nullable JsonNode node, String owner, String field,
            Function<JsonNode, T> reader) {
        if (absent(node)) {
            return null;
        }
        if (node.isObject()) {
            return reader.apply(node);
        }
        throw mismatch(owner, field, "object", node);
    }

    /** Reads an array; each element with {@code element}. */
    public static <T> @Nullable List<T> asList(@Nullable JsonNode node, String owner, String field,
            Function<JsonNode, T> element) {
        if (absent(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw mismatch(owner, field, "array", node);
        }
        List<T> list = new ArrayList<>(node.size());
        for (JsonNode each : node) {
            list.add(element.apply(each));
        }
        return Collections.unmodifiableList(list);
    }

    /** Reads an object used as a map; each value with {@code value}. */
    public static <T> @Nullable Map<String, T> asMap(@Nullable JsonNode node, String owner, String field,
            Function<JsonNode, T> value) {
        if (absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw mismatch(owner, field, "object", node);
        }
        Map<String, T> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), value.apply(entry.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }

    /** Writes a Java value of the generated API as JSON ({@code null} becomes JSON null). */
    public static JsonNode toJson(@Nullable Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof CivisInput input) {
            return input.json();
        }
        if (value instanceof CivisObject object) {
            return object.json();
        }
        if (value instanceof String text) {
            return NODES.stringNode(text);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number.longValue());
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Number number) {
            return NODES.numberNode(new BigDecimal(number.toString()));
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof OffsetDateTime || value instanceof LocalDate) {
            return NODES.stringNode(value.toString());
        }
        if (value instanceof Iterable<?> iterable) {
            ArrayNode array = NODES.arrayNode();
            for (Object each : iterable) {
                array.add(toJson(each));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            var object = NODES.objectNode();
            map.forEach((key, each) -> object.set(String.valueOf(key), toJson(each)));
            return object;
        }
        throw new IllegalArgumentException("Cannot send a " + value.getClass().getName() + " to the Civis API");
    }

    /** Writes a Java value as query-string text. */
    public static String toQueryText(Object value) {
        JsonNode json = toJson(value);
        return json.isString() ? json.stringValue() : json.toString();
    }

    /** A mismatch whose message shows the value, unless the field holds a secret. */
    static CivisTypeMismatchException mismatch(String owner, String field, String declaredType, JsonNode node) {
        // a secret sent in another shape is still a secret: only its kind is named
        String shown = SecretValues.isSecret(field.replace("[]", "").replace("{}", "")) ? SecretValues.MASK
                : SecretValues.printable(node).toString();
        return new CivisTypeMismatchException(owner, field, declaredType, node, shown);
    }
}
