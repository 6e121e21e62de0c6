package io.github.civis.conformance;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

import io.github.civis.client.error.CivisTypeMismatchException;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.json.CivisObject;
import io.github.civis.client.json.JsonValues;

/**
 * Reads a returned object graph through every typed accessor and compares each value with the
 * recorded JSON at the same place: a client whose typed view differs from what the API sent
 * (an element read from the wrong node, a number rounded, a date shifted) fails even when the
 * JSON it keeps re-serialises unchanged. An accessor that cannot read what the API sent (the
 * catalog declares another type) is not a difference: the value is still kept as sent, and the
 * accessor is reported so that the catalog can be corrected.
 */
final class AccessorProbe {

    private static final Map<Class<?>, Map<Method, String>> ACCESSORS = new ConcurrentHashMap<>();

    private AccessorProbe() {
    }

    /**
     * Compares a returned value with the recorded JSON, through its typed accessors.
     * @param value what a generated method returned
     * @param recorded the JSON the API sent
     * @param mismatch receives {@code Owner.field: declared X, sent kind} and the exception
     *        for each accessor that threw {@link CivisTypeMismatchException}
     * @return the first difference, e.g. {@code "renamed" at /0/name through its typed accessor,
     *         but the API sent "db"}, or {@code null} when every typed value is the recorded one
     */
    static @Nullable String compare(Object value, JsonNode recorded,
            BiConsumer<String, CivisTypeMismatchException> mismatch) {
        return compare(value, recorded, "", mismatch);
    }

    private static @Nullable String compare(@Nullable Object value, @Nullable JsonNode recorded, String at,
            BiConsumer<String, CivisTypeMismatchException> mismatch) {
        JsonNode sent = (recorded == null || recorded.isMissingNode()) ? NullNode.getInstance() : recorded;
        if (value == null) {
            return sent.isNull() ? null : differs("null", at, sent);
        }
        if (value instanceof CivisList<?> list) {
            try {
                return compareElements(list, sent, at, mismatch);
            }
            catch (CivisTypeMismatchException ex) {
                mismatch.accept(describe(ex), ex);
                return null;
            }
        }
        if (value instanceof List<?> list) {
            return compareElements(list, sent, at, mismatch);
        }
        if (value instanceof Map<?, ?> map) {
            if (!sent.isObject() || !names(sent).equals(keys(map))) {
                return differs(JsonValues.toJson(map).toString(), at, sent);
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String difference = compare(entry.getValue(), sent.get(String.valueOf(entry.getKey())),
                        at + "/" + entry.getKey(), mismatch);
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (value instanceof CivisObject object) {
            return compareObject(object, sent, at, mismatch);
        }
        return sameScalar(value, sent) ? null : differs(JsonValues.toJson(value).toString(), at, sent);
    }

    private static @Nullable String compareElements(List<?> list, JsonNode sent, String at,
            BiConsumer<String, CivisTypeMismatchException> mismatch) {
        if (!sent.isArray() || sent.size() != list.size()) {
            return (at.isEmpty() ? "/" : at) + ": " + list.size() + " elements through the typed list, but the API"
                    + " sent " + JsonComparison.excerpt(sent);
        }
        for (int i = 0; i < list.size(); i++) {
            String difference = compare(list.get(i), sent.get(i), at + "/" + i, mismatch);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static @Nullable String compareObject(CivisObject object, JsonNode sent, String at,
            BiConsumer<String, CivisTypeMismatchException> mismatch) {
        for (Map.Entry<Method, String> accessor : accessors(object.getClass()).entrySet()) {
            Object typed;
            try {
                typed = accessor.getKey().invoke(object);
            }
            catch (InvocationTargetException ex) {
                if (ex.getCause() instanceof CivisTypeMismatchException typeMismatch) {
                    mismatch.accept(describe(typeMismatch), typeMismatch);
                    continue;
                }
                throw new ConformanceFailure(object.getClass().getSimpleName() + "." + accessor.getKey().getName()
                        + "() threw " + ex.getCause());
            }
            catch (IllegalAccessException ex) {
                throw new ConformanceFailure("cannot call " + accessor.getKey() + ": " + ex.getMessage());
            }
            String difference = compare(typed, sent.get(accessor.getValue()), at + "/" + accessor.getValue(), mismatch);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    /** The typed accessors of a generated type with the wire name each reads. */
    private static Map<Method, String> accessors(Class<?> type) {
        return ACCESSORS.computeIfAbsent(type, key -> {
            Set<String> properties = properties(type);
            Map<Method, String> accessors = new LinkedHashMap<>();
            for (Method method : type.getMethods()) {
                if (method.getDeclaringClass() != type || method.getParameterCount() != 0
                        || Modifier.isStatic(method.getModifiers()) || method.isSynthetic() || method.isBridge()) {
                    continue;
                }
                properties.stream()
                    .filter(wire -> WireNames.member(wire).equals(method.getName()))
                    .findFirst()
                    .ifPresent(wire -> accessors.put(method, wire));
            }
            return accessors;
        });
    }

    /** The wire names a generated type declares (its {@code PROPERTIES}). */
    @SuppressWarnings("unchecked")
    private static Set<String> properties(Class<?> type) {
        try {
            Field field = type.getDeclaredField("PROPERTIES");
            field.setAccessible(true);
            return (Set<String>) field.get(null);
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            throw new ConformanceFailure(type.getSimpleName() + " declares no PROPERTIES: " + ex);
        }
    }

    /** Whether a typed scalar is the recorded value, read the way the accessors read it. */
    private static boolean sameScalar(Object value, JsonNode sent) {
        if (value instanceof Long || value instanceof Integer) {
            BigDecimal number = decimal(sent);
            return number != null && number.compareTo(BigDecimal.valueOf(((Number) value).longValue())) == 0;
        }
        if (value instanceof Double number) {
            BigDecimal recorded = decimal(sent);
            return recorded != null && Double.compare(recorded.doubleValue(), number) == 0;
        }
        if (value instanceof Boolean flag) {
            return sent.isBoolean() ? sent.booleanValue() == flag
                    : sent.isString() && sent.stringValue().trim().equalsIgnoreCase(flag.toString());
        }
        if (value instanceof String text) {
            return sent.isString() ? sent.stringValue().equals(text)
                    : (sent.isNumber() || sent.isBoolean()) && sent.toString().equals(text);
        }
        if (value instanceof OffsetDateTime || value instanceof LocalDate) {
            try {
                return sent.isString() && (value instanceof OffsetDateTime
                        ? OffsetDateTime.parse(sent.stringValue().trim()).equals(value)
                        : LocalDate.parse(sent.stringValue().trim()).equals(value));
            }
            catch (DateTimeParseException ex) {
                return false;
            }
        }
        if (value instanceof JsonNode json) {
            return JsonComparison.difference(sent, json, false) == null;
        }
        return JsonComparison.difference(sent, JsonValues.toJson(value), false) == null;
    }

    private static @Nullable BigDecimal decimal(JsonNode sent) {
        if (sent.isNumber()) {
            return sent.decimalValue();
        }
        if (sent.isString()) {
            try {
                return new BigDecimal(sent.stringValue().trim());
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.LinkedHashSet<>();
        object.properties().forEach(property -> names.add(property.getKey()));
        return names;
    }

    private static Set<String> keys(Map<?, ?> map) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        map.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return keys;
    }

    private static String differs(String typed, String at, JsonNode sent) {
        return typed + " at " + (at.isEmpty() ? "/" : at) + " through its typed accessor, but the API sent "
                + JsonComparison.excerpt(sent);
    }

    private static String describe(CivisTypeMismatchException ex) {
        return ex.owner() + "." + ex.field() + ": declared " + ex.declaredType() + ", sent "
                + ex.actual().getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
