package io.github.civis.simulator.state;

import java.util.Locale;
import java.util.Map;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogType;
import io.github.civis.catalog.TypeRef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds plausible JSON for catalog types: every declared field present, ids as integers,
 * timestamps in the API's ISO-8601 form, taken from the simulator's clock, nested objects and lists built recursively up to a
 * depth limit (beyond it objects are {@code null} and lists empty, as the API does for
 * unset references).
 */
public final class SampleFactory {

    /** The timestamp generated objects carry when the factory has no clock of its own. */
    public static final String SAMPLE_TIME = "2026-01-01T00:00:00.000Z";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final int MAX_DEPTH = 3;

    private final Map<String, CatalogType> types;

    private final java.time.Clock clock;

    /** A factory for the types of that catalog, whose timestamps are {@link #SAMPLE_TIME}. */
    public SampleFactory(Catalog catalog) {
        this(catalog, java.time.Clock.fixed(java.time.Instant.parse(SAMPLE_TIME), java.time.ZoneOffset.UTC));
    }

    /**
     * A factory for the types of that catalog whose timestamps and dates are the clock's now,
     * so that every date the simulator answers with is relative to its clock.
     *
     * @param catalog the catalog
     * @param clock the simulator's clock
     */
    public SampleFactory(Catalog catalog, java.time.Clock clock) {
        this.types = catalog.typesByName();
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /** A sample value of a type notation (see {@link TypeRef}). */
    public JsonNode sample(String notation) {
        return sample(TypeRef.parse(notation), "value", 0);
    }

    /** A sample object of a named type, every field present. */
    public ObjectNode sampleObject(String typeName) {
        return object(typeName, 0);
    }

    /**
     * Completes {@code value} to the shape of the type: fields the value lacks get samples,
     * nested objects are completed too, and fields the type does not declare are dropped (the
     * API answers with declared fields only).
     */
    public JsonNode shape(String notation, JsonNode value) {
        return shape(TypeRef.parse(notation), value, 0);
    }

    private JsonNode shape(TypeRef ref, JsonNode value, int depth) {
        if (ref.isNamed() && value.isObject() && types.containsKey(ref.name())) {
            ObjectNode shaped = NODES.objectNode();
            for (CatalogField field : types.get(ref.name()).fields()) {
                JsonNode present = value.get(field.wireName());
                shaped.set(field.wireName(), (present != null)
                        ? shape(TypeRef.parse(field.type()), present, depth + 1)
                        : sample(TypeRef.parse(field.type()), field.wireName(), depth + 1));
            }
            return shaped;
        }
        if (ref.isList() && value.isArray()) {
            ArrayNode shaped = NODES.arrayNode();
            value.forEach(element -> shaped.add(shape(ref.element(), element, depth + 1)));
            return shaped;
        }
        // A value of another type than declared is kept as the client sent it.
        return value;
    }

    private ObjectNode object(String typeName, int depth) {
        ObjectNode node = NODES.objectNode();
        CatalogType type = types.get(typeName);
        if (type == null) {
            return node;
        }
        for (CatalogField field : type.fields()) {
            node.set(field.wireName(), sample(TypeRef.parse(field.type()), field.wireName(), depth + 1));
        }
        return node;
    }

    private JsonNode sample(TypeRef ref, String fieldName, int depth) {
        return switch (ref.kind()) {
            case "scalar" -> scalar(ref.name(), fieldName);
            case "any" -> NODES.objectNode();
            case "map" -> NODES.objectNode();
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                if (depth < MAX_DEPTH) {
                    list.add(sample(ref.element(), singular(fieldName), depth + 1));
                }
                yield list;
            }
            default -> (depth <= MAX_DEPTH) ? object(ref.name(), depth) : NODES.nullNode();
        };
    }

    private JsonNode scalar(String scalar, String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return switch (scalar) {
            case "integer" -> NODES.numberNode(name.equals("id") || name.endsWith("id") ? 1L : 0L);
            case "number" -> NODES.numberNode(0.0);
            case "boolean" -> NODES.booleanNode(false);
            case "date-time" -> NODES.stringNode(JobRuns.format(clock.instant()));
            case "date" -> NODES.stringNode(clock.instant().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString());
            default -> stringSample(fieldName, name);
        };
    }

    private JsonNode stringSample(String fieldName, String name) {
        // Declared as string, sent by the API as a boolean (see the reference's known facts).
        if (name.equals("archived")) {
            return NODES.booleanNode(false);
        }
        if (fieldName.endsWith("At") || fieldName.endsWith("On") || name.equals("nextrunat")) {
            return NODES.stringNode(JobRuns.format(clock.instant()));
        }
        if (name.equals("state") || name.equals("status")) {
            return NODES.stringNode("idle");
        }
        if (name.contains("email")) {
            return NODES.stringNode("user@example.com");
        }
        if (name.endsWith("url")) {
            return NODES.stringNode("https://example.com/" + fieldName);
        }
        if (name.equals("mypermissionlevel")) {
            return NODES.stringNode("manage");
        }
        return NODES.stringNode("Sample " + fieldName);
    }

    private static String singular(String fieldName) {
        return fieldName.endsWith("s") ? fieldName.substring(0, fieldName.length() - 1) : fieldName;
    }
}
