package io.github.civis.catalog.surface;

import java.util.Locale;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.TypeRef;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a catalog as an OpenAPI 2.0 document of the kind the platform serves at
 * {@code GET /endpoints}: every route and verb with its parameters (name, location, required,
 * type), query parameters under their documented names and body properties under their wire
 * names in one inline schema. Named types are written as plain objects: the document is meant
 * for comparing surfaces ({@link ApiSurface#fromOpenApi}), not for generating code.
 */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    /**
     * The document of a catalog.
     *
     * @param catalog the catalog
     * @return an OpenAPI 2.0 document; {@code ApiSurface.fromOpenApi} of it equals {@code ApiSurface.of(catalog)}
     */
    public static ObjectNode of(Catalog catalog) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode document = nodes.objectNode();
        document.put("swagger", "2.0");
        document.putObject("info").put("title", catalog.source().title()).put("version", catalog.source().version());
        ObjectNode paths = document.putObject("paths");
        for (CatalogOperation op : catalog.operations()) {
            ObjectNode path = paths.has(op.route()) ? (ObjectNode) paths.get(op.route()) : paths.putObject(op.route());
            ObjectNode operation = path.putObject(op.verb().toLowerCase(Locale.ROOT));
            operation.put("summary", op.summary());
            operation.put("deprecated", op.deprecation() != null);
            ArrayNode parameters = operation.putArray("parameters");
            ObjectNode bodySchema = null;
            for (CatalogParameter p : op.parameters()) {
                if (p.in().equals("body")) {
                    if (bodySchema == null) {
                        bodySchema = nodes.objectNode().put("type", "object");
                        bodySchema.putObject("properties");
                    }
                    ((ObjectNode) bodySchema.get("properties")).set(p.wireName(), schema(TypeRef.parse(p.type())));
                    if (p.required()) {
                        (bodySchema.has("required") ? (ArrayNode) bodySchema.get("required")
                                : bodySchema.putArray("required")).add(p.wireName());
                    }
                    continue;
                }
                ObjectNode parameter = parameters.addObject()
                    .put("name", p.name())
                    .put("in", p.in())
                    .put("required", p.in().equals("path") || p.required());
                parameter.setAll(schema(TypeRef.parse(p.type())));
            }
            if (bodySchema != null) {
                ObjectNode body = parameters.addObject().put("name", "body").put("in", "body")
                    .put("required", bodySchema.has("required"));
                body.set("schema", bodySchema);
            }
            operation.putObject("responses").putObject(String.valueOf(op.responseStatus())).put("description", "success");
        }
        return document;
    }

    private static ObjectNode schema(TypeRef type) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        switch (type.kind()) {
            case "list" -> schema.put("type", "array").set("items", schema(type.element()));
            case "map", "named" -> schema.put("type", "object");
            case "any" -> {
                // no type: any JSON value
            }
            default -> {
                if (type.name().equals("date-time") || type.name().equals("date")) {
                    schema.put("type", "string").put("format", type.name());
                }
                else {
                    schema.put("type", type.name());
                }
            }
        }
        return schema;
    }
}
