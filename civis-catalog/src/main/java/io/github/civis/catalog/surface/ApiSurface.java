package io.github.civis.catalog.surface;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.TypeRef;
import tools.jackson.databind.JsonNode;

/**
 * What each operation of an API is called with: its verb, its route and its query and body
 * parameters (name, required or not, coarse type). Path parameters are left out: a route's
 * placeholders are positional, and {@code /jobs/{id}} and {@code /jobs/{job_id}} are one route.
 *
 * <p>Operations are keyed by {@link #key(String, String)}, which upper-cases the verb, writes
 * every placeholder as {@code {}} and drops a trailing slash; parameters by {@link #parameterKey},
 * which ignores case and underscores, so that the catalog's camelCase wire names and a document's
 * snake_case query names meet.
 */
public final class ApiSurface {

    private static final Set<String> VERBS = Set.of("get", "put", "post", "patch", "delete", "head", "options");

    private final Map<String, Operation> operations;

    private ApiSurface(Map<String, Operation> operations) {
        this.operations = Map.copyOf(operations);
    }

    /**
     * One operation.
     *
     * @param verb the HTTP verb, upper case
     * @param route the route as its source writes it, e.g. {@code /credentials/{id}}
     * @param parameters the query and body parameters by {@link ApiSurface#parameterKey}
     */
    public record Operation(String verb, String route, Map<String, Parameter> parameters) {

        public Operation {
            parameters = Map.copyOf(parameters);
        }

        /** The operation's key, see {@link ApiSurface#key(String, String)}. */
        public String key() {
            return ApiSurface.key(verb, route);
        }
    }

    /**
     * One query or body parameter.
     *
     * @param name the name as its source writes it
     * @param in {@code query} or {@code body}
     * @param required whether the operation needs it
     * @param type {@code integer}, {@code number}, {@code string}, {@code boolean}, {@code date-time},
     *        {@code date}, {@code object}, {@code list<…>} of those, or {@code any} when not said
     */
    public record Parameter(String name, String in, boolean required, String type) {
    }

    /**
     * The surface of a catalog.
     *
     * @param catalog the catalog
     * @return its surface
     */
    public static ApiSurface of(Catalog catalog) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        for (CatalogOperation op : catalog.operations()) {
            Map<String, Parameter> parameters = new LinkedHashMap<>();
            for (CatalogParameter p : op.parameters()) {
                if (p.in().equals("path")) {
                    continue;
                }
                parameters.put(parameterKey(p.in(), p.wireName()),
                        new Parameter(p.wireName(), p.in(), p.required(), coarse(TypeRef.parse(p.type()))));
            }
            Operation operation = new Operation(op.verb().toUpperCase(Locale.ROOT), op.route(), parameters);
            operations.put(operation.key(), operation);
        }
        return new ApiSurface(operations);
    }

    /**
     * The surface an OpenAPI 2.0 document describes, such as the platform's {@code GET /endpoints}.
     * A body parameter's schema (inline or a {@code $ref} to the document's definitions) gives
     * one parameter per property.
     *
     * @param document the document
     * @return its surface
     * @throws IllegalArgumentException when the document has no {@code paths} object
     */
    public static ApiSurface fromOpenApi(JsonNode document) {
        JsonNode paths = document.path("paths");
        if (!paths.isObject()) {
            throw new IllegalArgumentException("Not an OpenAPI 2.0 document: it has no 'paths' object");
        }
        JsonNode definitions = document.path("definitions");
        Map<String, Operation> operations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> verb : path.getValue().properties()) {
                if (!VERBS.contains(verb.getKey().toLowerCase(Locale.ROOT)) || !verb.getValue().isObject()) {
                    continue;
                }
                Operation operation = new Operation(verb.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        parameters(verb.getValue().path("parameters"), definitions));
                operations.put(operation.key(), operation);
            }
        }
        return new ApiSurface(operations);
    }

    private static Map<String, Parameter> parameters(JsonNode list, JsonNode definitions) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        for (JsonNode p : list.values()) {
            String in = p.path("in").asString("");
            String name = p.path("name").asString("");
            if (in.equals("query")) {
                parameters.put(parameterKey(in, name), new Parameter(name, in, p.path("required").asBoolean(false),
                        schemaType(p, definitions)));
            }
            else if (in.equals("body")) {
                JsonNode schema = resolve(p.path("schema"), definitions);
                Set<String> required = new java.util.HashSet<>();
                schema.path("required").values().forEach(n -> required.add(n.asString("")));
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    parameters.put(parameterKey(in, property.getKey()), new Parameter(property.getKey(), in,
                            required.contains(property.getKey()), schemaType(property.getValue(), definitions)));
                }
            }
        }
        return parameters;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode definitions) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/definitions/")) {
            return definitions.path(ref.substring("#/definitions/".length()));
        }
        return schema;
    }

    private static String schemaType(JsonNode schema, JsonNode definitions) {
        if (schema.has("$ref")) {
            return "object";
        }
        String type = schema.path("type").asString("");
        return switch (type) {
            case "array" -> "list<" + schemaType(resolve(schema.path("items"), definitions), definitions) + ">";
            case "string" -> switch (schema.path("format").asString("")) {
                case "date-time" -> "date-time";
                case "date" -> "date";
                default -> "string";
            };
            case "" -> schema.has("properties") ? "object" : "any";
            default -> type;
        };
    }

    /** The coarse type of a catalog type: named types and maps are {@code object}. */
    static String coarse(TypeRef type) {
        return switch (type.kind()) {
            case "list" -> "list<" + coarse(type.element()) + ">";
            case "map", "named" -> "object";
            default -> type.name();
        };
    }

    /**
     * The key of an operation: the verb upper case, then the route with every placeholder written
     * {@code {}} and without a trailing slash, e.g. {@code GET /jobs/{}/runs}.
     *
     * @param verb the HTTP verb, in any case
     * @param route the route template
     * @return the key
     */
    public static String key(String verb, String route) {
        String normalised = route.replaceAll("\\{[^}/]*}", "{}").replaceAll("/{2,}", "/");
        if (normalised.length() > 1 && normalised.endsWith("/")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return verb.toUpperCase(Locale.ROOT) + " " + normalised;
    }

    /**
     * The key of a parameter: where it travels and its name without case or underscores, so that
     * {@code page_num} and {@code pageNum} are one parameter.
     *
     * @param in {@code query} or {@code body}
     * @param name the name
     * @return the key
     */
    public static String parameterKey(String in, String name) {
        return in + ":" + name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The operations by {@link #key(String, String)}. */
    public Map<String, Operation> operations() {
        return operations;
    }

    /** The operations. */
    public Collection<Operation> all() {
        return operations.values();
    }

    /** How many operations there are. */
    public int size() {
        return operations.size();
    }
}
