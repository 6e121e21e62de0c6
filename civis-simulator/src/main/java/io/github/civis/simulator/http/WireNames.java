package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogType;
import io.github.civis.catalog.TypeRef;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives query parameters and body keys the spelling the catalog declares, whatever spelling
 * the caller used. The Civis API accepts {@code page_num} and {@code pageNum},
 * {@code remote_host_id} and {@code remoteHostId} alike (civis-python sends snake_case query
 * names), so the simulator does too: {@link SimulatorHandler} passes every request of a
 * catalog route through here before the route's behaviour sees it, which then only ever reads
 * the declared camelCase wire names.
 *
 * <p>Two spellings name the same parameter when they are equal without underscores and case
 * ({@code provide_api_key} is {@code provideAPIKey}). Query names lose an array suffix
 * ({@code state[]=a&state[]=b} is {@code state} with two values). Body keys are renamed at
 * every depth the catalog declares a type for; the keys of free-form maps are the caller's
 * data and stay as sent. A name the operation does not declare becomes camelCase.
 */
final class WireNames {

    private final Map<String, CatalogType> types;

    /** Names for the operations and types of that catalog. */
    WireNames(Catalog catalog) {
        this.types = catalog.typesByName();
    }

    /** The spelling-free form of a name: no array suffix, no underscores, lower case. */
    static String normal(String name) {
        String bare = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        return bare.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The camelCase form of a snake_case name; other names unchanged. */
    static String camel(String name) {
        if (name.indexOf('_') < 0) {
            return name;
        }
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = camel.length() > 0;
            }
            else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /**
     * The request with every query parameter under its declared wire name, values of the same
     * parameter merged in order.
     */
    SimulatorRequest withWireQuery(SimulatorRequest request, CatalogOperation operation) {
        if (request.query().isEmpty()) {
            return request;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : request.query().entrySet()) {
            CatalogParameter declared = declared(operation, "query", entry.getKey());
            String name = (declared != null) ? declared.wireName() : camel(entry.getKey());
            query.computeIfAbsent(name, key -> new ArrayList<>()).addAll(entry.getValue());
        }
        return new SimulatorRequest(request.method(), request.path(), query, request.headers(), request.body());
    }

    /** A copy of the body with every key the catalog declares under its wire name. */
    ObjectNode withWireKeys(ObjectNode body, CatalogOperation operation) {
        ObjectNode renamed = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            CatalogParameter declared = declared(operation, "body", entry.getKey());
            if (declared == null) {
                renamed.set(camel(entry.getKey()), entry.getValue());
            }
            else {
                renamed.set(declared.wireName(), withWireKeys(entry.getValue(), TypeRef.parse(declared.type())));
            }
        }
        return renamed;
    }

    private JsonNode withWireKeys(JsonNode value, TypeRef type) {
        if (type.isList() && value.isArray()) {
            ArrayNode renamed = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> renamed.add(withWireKeys(element, type.element())));
            return renamed;
        }
        CatalogType named = type.isNamed() ? types.get(type.name()) : null;
        if (named == null || !value.isObject()) {
            return value;
        }
        ObjectNode renamed = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            CatalogField field = named.fields().stream()
                .filter(f -> normal(f.wireName()).equals(normal(entry.getKey())))
                .findFirst()
                .orElse(null);
            if (field == null) {
                renamed.set(camel(entry.getKey()), entry.getValue());
            }
            else {
                renamed.set(field.wireName(), withWireKeys(entry.getValue(), TypeRef.parse(field.type())));
            }
        }
        return renamed;
    }

    private static @Nullable CatalogParameter declared(CatalogOperation operation, String location, String name) {
        String wanted = normal(name);
        for (CatalogParameter parameter : operation.parameters(location)) {
            if (normal(parameter.wireName()).equals(wanted) || normal(parameter.name()).equals(wanted)) {
                return parameter;
            }
        }
        return null;
    }
}
