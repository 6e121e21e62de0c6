package io.github.civis.codegen.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogGroup;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogSource;
import io.github.civis.catalog.CatalogType;
import io.github.civis.catalog.TypeRef;
import io.github.civis.catalog.naming.Names;

/**
 * Imports a Civis OpenAPI 2.0 document (the API's {@code GET /endpoints}) into the project's
 * {@link Catalog}, applying the {@link Overlay}. The result depends only on the two inputs:
 * operations, groups and types are sorted, and names are derived by fixed rules, so the same
 * input always gives the same catalog, byte for byte.
 *
 * <p>Usage: {@code CatalogImporter <openapi.json> <overlay.json> <catalog.json>}. The catalog
 * file is replaced only when the import succeeds.
 */
public final class CatalogImporter {

    private static final List<String> VERBS = List.of("get", "post", "put", "patch", "delete");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");
    private static final String RESPONSE = CatalogType.RESPONSE;
    private static final String INPUT = CatalogType.INPUT;

    /** How many times the names may be resolved again before the importer gives up (each pass pins more). */
    private static final int MAX_PASSES = 50;

    private final JsonNode document;
    private final Overlay overlay;
    private final JsonNode definitions;
    private final NameRecord record;
    /** The recorded name of each schema identity, found at one of its recorded sides in an earlier pass. */
    private final Map<String, String> preferred;
    /** Whether naming conflicts stop the import (the last pass), or are noted and passed over (earlier passes). */
    private final boolean strict;
    /** The recorded names found in this pass, by schema identity. */
    private final Map<String, String> found = new TreeMap<>();
    /** The schema identity that holds each name, and the schema, to tell a split from a schema written twice. */
    private final Map<String, String> holders = new HashMap<>();
    private final Map<String, JsonNode> holderSchemas = new HashMap<>();
    private int placeholders;
    /** Further shapes of kept names, read as one type with the first (see {@link #compatible}). */
    private final Map<String, List<Pending>> unions = new TreeMap<>();
    private final Set<String> unionKeys = new HashSet<>();

    /** Type name by (role, schema identity). */
    private final Map<String, String> names = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    /** The side ({@code "VERB /route"} or {@code "Owner.property"}) that holds each type name. */
    private final Map<String, String> sides = new HashMap<>();
    private final Map<String, CatalogType> types = new TreeMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();

    private record Pending(String name, String role, JsonNode schema, String pointer) {
    }

    private record RawOperation(String group, String name, String verb, String route, JsonNode node, String pointer) {
    }

    private CatalogImporter(JsonNode document, Overlay overlay, NameRecord record, Map<String, String> preferred,
            boolean strict) {
        this.document = document;
        this.overlay = overlay;
        this.definitions = document.path("definitions");
        this.record = record;
        this.preferred = preferred;
        this.strict = strict;
    }

    /**
     * Imports a document as the first one: every name is derived from it.
     * @param document the parsed OpenAPI 2.0 document
     * @param overlay curated names and corrections
     * @return the catalog
     * @throws ImportException naming the place in the document that could not be handled
     */
    public static Catalog importCatalog(JsonNode document, Overlay overlay) {
        return importCatalog(document, overlay, null, null);
    }

    /**
     * Imports a document over the previous catalog, keeping every name it gave: a type keeps its
     * name wherever the previous catalog used it, members, methods and request types stay, and the
     * operations, properties and parameters the document no longer lists stay, deprecated. A new
     * shape gets a new name. A change that cannot be mapped (a type split in two, a value whose type
     * changes, a name that would go) stops the import, naming it, until the overlay decides.
     * @param document the parsed OpenAPI 2.0 document
     * @param overlay curated names and corrections
     * @param previous the catalog imported before, whose names are kept; {@code null} for a first import
     * @param date when the platform published the document, e.g. {@code 2026-03}; {@code null} when not known
     * @return the catalog
     * @throws ImportException naming what could not be handled
     */
    public static Catalog importCatalog(JsonNode document, Overlay overlay, @Nullable Catalog previous,
            @Nullable String date) {
        NameRecord record = NameRecord.of(previous);
        // A nested type's side names its owner ("Owner.property"), so recorded names are found
        // owner first: each pass pins the names found so far, until a pass finds no new one.
        Map<String, String> preferred = new TreeMap<>();
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            CatalogImporter importer = new CatalogImporter(document, overlay, record, preferred, false);
            importer.run(date);
            Map<String, String> next = new TreeMap<>(preferred);
            importer.found.forEach(next::putIfAbsent);
            if (next.equals(preferred)) {
                Catalog imported = new CatalogImporter(document, overlay, record, preferred, true).run(date);
                return previous == null ? imported : PreviousCatalog.of(previous).keepNames(imported, overlay);
            }
            preferred = next;
        }
        throw new ImportException("$", "the recorded names did not settle after " + MAX_PASSES + " passes");
    }

    /**
     * Command line: {@code <openapi.json> <overlay.json> <catalog.json> [<date>]}. The catalog file,
     * when it exists, is the previous catalog whose names are kept; it is replaced only when the
     * import succeeds. The date (e.g. {@code 2026-03}) defaults to one in the document's file name.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: CatalogImporter <openapi.json> <overlay.json> <catalog.json> [<date>]");
            System.exit(2);
        }
        Path input = Path.of(args[0]);
        Path out = Path.of(args[2]);
        String date = args.length == 4 ? args[3] : dateIn(input.getFileName().toString());
        try {
            JsonNode document = JsonMapper.builder().build().readTree(Files.readString(input));
            Catalog previous = Files.exists(out) ? Catalog.read(out) : null;
            Catalog catalog = importCatalog(document, Overlay.read(Path.of(args[1])), previous, date);
            Path temp = out.resolveSibling(out.getFileName() + ".tmp");
            catalog.write(temp);
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.print(ImportReport.of(previous, catalog).text());
            System.out.println("Imported " + catalog.source().operations() + " operations of "
                    + catalog.source().documentName() + " (" + catalog.operations().size() + " in the catalog) in "
                    + catalog.groups().size() + " groups and " + catalog.types().size() + " types into " + out);
        }
        catch (ImportException | IllegalArgumentException | tools.jackson.core.JacksonException ex) {
            System.err.println("Import failed, nothing written: " + ex.getMessage());
            System.exit(1);
        }
    }

    /** A date such as {@code 2026-03} in a document's file name, or {@code null}. */
    static @Nullable String dateIn(String fileName) {
        Matcher m = Pattern.compile("(?<!\\d)(\\d{4}-\\d{2}(?:-\\d{2})?)(?!\\d)").matcher(fileName);
        return m.find() ? m.group(1) : null;
    }

    private Catalog run(@Nullable String date) {
        if (!document.isObject()) {
            throw new ImportException("$", "not a JSON object");
        }
        if (!"2.0".equals(document.path("swagger").asString(""))) {
            throw new ImportException("$.swagger", "expected \"2.0\" (an OpenAPI 2.0 document), found "
                    + document.path("swagger"));
        }
        JsonNode paths = document.path("paths");
        if (!paths.isObject() || paths.isEmpty()) {
            throw new ImportException("$.paths", "missing or empty");
        }
        if (!definitions.isMissingNode() && !definitions.isObject()) {
            throw new ImportException("$.definitions", "not an object");
        }
        List<RawOperation> raw = collectOperations(paths);
        nameResponseTypes(raw);
        Map<String, List<CatalogOperation>> byGroup = new TreeMap<>();
        for (RawOperation op : raw) {
            byGroup.computeIfAbsent(op.group(), g -> new ArrayList<>()).add(operation(op));
        }
        drainPending();
        List<CatalogGroup> groups = new ArrayList<>();
        byGroup.forEach((group, ops) -> groups.add(new CatalogGroup(group, Names.pascal(group), addGetNames(ops))));
        JsonNode info = document.path("info");
        return new Catalog(Catalog.FORMAT,
                new CatalogSource(info.path("title").asString("Civis API"), info.path("version").asString(""), date,
                        raw.size()),
                groups, List.copyOf(types.values()));
    }

    // ---- operations ----------------------------------------------------------------------

    private List<RawOperation> collectOperations(JsonNode paths) {
        List<RawOperation> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String route = path.getKey();
            String pointer = "paths." + route;
            if (!route.startsWith("/") || route.length() < 2) {
                throw new ImportException(pointer, "route must start with '/' and name a group");
            }
            if (!path.getValue().isObject()) {
                throw new ImportException(pointer, "not an object");
            }
            for (Map.Entry<String, JsonNode> verb : path.getValue().properties()) {
                String v = verb.getKey().toLowerCase(Locale.ROOT);
                if (!VERBS.contains(v)) {
                    throw new ImportException(pointer + "." + verb.getKey(), "unsupported key (expected one of " + VERBS + ")");
                }
                ops.add(new RawOperation(group(route), methodName(route, v), v.toUpperCase(Locale.ROOT), route,
                        verb.getValue(), pointer + "." + v));
            }
        }
        ops.sort(Comparator.comparing(RawOperation::group)
            .thenComparing(RawOperation::route)
            .thenComparing(op -> VERBS.indexOf(op.verb().toLowerCase(Locale.ROOT))));
        Map<String, RawOperation> seen = new HashMap<>();
        for (RawOperation op : ops) {
            RawOperation clash = seen.put(op.group() + "." + op.name(), op);
            if (clash != null) {
                throw new ImportException(op.pointer(), "method name " + op.group() + "." + op.name()
                        + " is also the name of " + clash.verb() + " " + clash.route());
            }
        }
        return ops;
    }

    /** The group: the route's first segment, lower-cased, {@code -} as {@code _}. */
    static String group(String route) {
        return segments(route).get(0).toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The documented method name: the verb and the literal segments after the group, joined by
     * {@code _}. A placeholder is dropped unless another placeholder follows it. A GET whose
     * last segment is literal (or that has none) is a {@code list}.
     */
    static String methodName(String route, String verb) {
        List<String> rest = segments(route).subList(1, segments(route).size());
        List<String> parts = new ArrayList<>();
        String prefix = verb;
        if (verb.equals("get") && (rest.isEmpty() || !isPlaceholder(rest.get(rest.size() - 1)))) {
            prefix = "list";
        }
        parts.add(prefix);
        for (int i = 0; i < rest.size(); i++) {
            String segment = rest.get(i);
            if (isPlaceholder(segment)) {
                if (i + 1 < rest.size() && isPlaceholder(rest.get(i + 1))) {
                    parts.add(segment.substring(1, segment.length() - 1));
                }
            }
            else {
                parts.add(segment);
            }
        }
        return String.join("_", parts).replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static List<String> segments(String route) {
        List<String> segments = new ArrayList<>();
        for (String s : route.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return segments;
    }

    private static boolean isPlaceholder(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private CatalogOperation operation(RawOperation op) {
        JsonNode node = op.node();
        if (!node.isObject()) {
            throw new ImportException(op.pointer(), "not an object");
        }
        String summary = node.path("summary").asString("").trim();
        List<CatalogParameter> pathParams = new ArrayList<>();
        List<CatalogParameter> queryParams = new ArrayList<>();
        List<CatalogParameter> bodyParams = new ArrayList<>();
        Map<String, JsonNode> pathByName = new LinkedHashMap<>();
        JsonNode parameters = node.path("parameters");
        if (!parameters.isMissingNode() && !parameters.isArray()) {
            throw new ImportException(op.pointer() + ".parameters", "not an array");
        }
        String requestStem = Names.pascal(op.group()) + Names.pascal(op.name());
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode p = parameters.get(i);
            String pointer = op.pointer() + ".parameters[" + i + "]";
            String name = text(p, "name", pointer);
            String in = text(p, "in", pointer);
            boolean required = p.path("required").asBoolean(false);
            String description = description(p);
            switch (in) {
                case "path" -> pathByName.put(name, p);
                case "query" -> {
                    String type = scalarOrList(p, pointer);
                    queryParams.add(new CatalogParameter(name, Names.member(name, type), Names.lowerCamel(name), "query",
                            type, required, description, null));
                }
                case "body" -> {
                    JsonNode schema = p.path("schema");
                    if (!schema.isObject()) {
                        throw new ImportException(pointer + ".schema", "body parameter without a schema");
                    }
                    JsonNode resolved = resolve(schema, pointer + ".schema");
                    String bodyPointer = pointer + ".schema";
                    if (!resolved.path("properties").isObject()) {
                        throw new ImportException(bodyPointer, "body schema is not an object with properties");
                    }
                    Set<String> requiredProps = requiredSet(resolved);
                    for (Map.Entry<String, JsonNode> prop : resolved.path("properties").properties()) {
                        String wire = prop.getKey();
                        String type = fieldType(requestStem + "Request", wire, typeOf(prop.getValue(), INPUT, requestStem,
                                wire, bodyPointer + ".properties." + wire));
                        bodyParams.add(new CatalogParameter(Names.snake(wire), Names.member(wire, type), wire, "body",
                                type, requiredProps.contains(wire), description(prop.getValue()), null));
                    }
                }
                default -> throw new ImportException(pointer + ".in", "unsupported parameter location '" + in + "'");
            }
        }
        // Path parameters keep the document's order, which is the order of the documented
        // (positional) arguments; it can differ from the order of the placeholders in the route.
        Set<String> placeholders = new java.util.LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(op.route());
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        for (Map.Entry<String, JsonNode> entry : pathByName.entrySet()) {
            String placeholder = entry.getKey();
            JsonNode p = entry.getValue();
            if (!placeholders.remove(placeholder)) {
                throw new ImportException(op.pointer() + ".parameters", "path parameter '" + placeholder
                        + "' does not appear in the route");
            }
            String type = p.path("type").asString("");
            if (!type.equals("integer") && !type.equals("string")) {
                throw new ImportException(op.pointer() + ".parameters." + placeholder + ".type",
                        "unsupported path parameter type '" + type + "'");
            }
            pathParams.add(new CatalogParameter(placeholder, Names.member(placeholder, type), placeholder, "path", type, true,
                    description(p), null));
        }
        if (!placeholders.isEmpty()) {
            throw new ImportException(op.pointer() + ".parameters", "no path parameter for " + placeholders);
        }
        Set<String> javaNames = new HashSet<>();
        for (CatalogParameter p : concat(pathParams, queryParams, bodyParams)) {
            if (!javaNames.add(p.javaName())) {
                throw new ImportException(op.pointer() + ".parameters", "two parameters are both named '"
                        + p.javaName() + "' in Java");
            }
        }
        List<CatalogParameter> all = concat(pathParams, queryParams, bodyParams);
        boolean paginated = op.verb().equals("GET") && queryParams.stream().anyMatch(p -> p.name().equals("limit"))
                && queryParams.stream().anyMatch(p -> p.name().equals("page_num"));
        String requestType = (queryParams.isEmpty() && bodyParams.isEmpty()) ? null : requestStem + "Request";
        if (requestType != null && !taken.add(requestType)) {
            throw new ImportException(op.pointer(), "request type name " + requestType + " is already taken");
        }
        // response
        JsonNode responses = node.path("responses");
        if (!responses.isObject()) {
            throw new ImportException(op.pointer() + ".responses", "missing");
        }
        String status = null;
        for (String code : responses.propertyNames()) {
            if (code.matches("2\\d\\d") && (status == null || code.compareTo(status) < 0)) {
                status = code;
            }
        }
        if (status == null) {
            throw new ImportException(op.pointer() + ".responses", "no 2xx response");
        }
        JsonNode schema = responses.path(status).path("schema");
        String responseType = null;
        if (!schema.isMissingNode()) {
            responseType = typeOf(schema, RESPONSE, routeBase(op.route()), "", op.verb() + " " + op.route(),
                    op.pointer() + ".responses." + status + ".schema");
        }
        String shape = overlay.responseShapes().get(op.verb() + " " + op.route());
        if (shape != null) {
            if (!shape.equals("list")) {
                throw new ImportException("overlay.responseShapes." + op.verb() + " " + op.route(), "unknown shape '" + shape + "'");
            }
            if (responseType != null && !TypeRef.parse(responseType).isList()) {
                responseType = "list<" + responseType + ">";
            }
        }
        String deprecation = deprecation(node, summary);
        return new CatalogOperation(op.group(), op.name(), Names.lowerCamel(op.name()), null, op.verb(), op.route(),
                summary, deprecation, null, paginated, all, requestType, Integer.parseInt(status), responseType);
    }

    private static @Nullable String deprecation(JsonNode node, String summary) {
        // A vendor extension about deprecation (Civis sends its warning text in one) wins over
        // the plain flag, since it says what to use instead.
        for (Map.Entry<String, JsonNode> extension : node.properties()) {
            String name = extension.getKey().toLowerCase(Locale.ROOT);
            JsonNode warning = extension.getValue();
            if (name.startsWith("x-") && name.contains("deprecat") && warning.isString()
                    && !warning.stringValue().isBlank()) {
                return warning.stringValue().trim();
            }
        }
        if (node.path("deprecated").asBoolean(false)) {
            return "Deprecated by the API.";
        }
        if (summary.toLowerCase(Locale.ROOT).contains("deprecated")) {
            return summary;
        }
        return null;
    }

    /** Adds the honest {@code get…} name to {@code list…} operations that return one object. */
    private static List<CatalogOperation> addGetNames(List<CatalogOperation> ops) {
        Set<String> names = new HashSet<>();
        ops.forEach(op -> names.add(op.name()));
        List<CatalogOperation> out = new ArrayList<>();
        for (CatalogOperation op : ops) {
            String getName = null;
            if (op.name().startsWith("list") && op.responseType() != null && !TypeRef.parse(op.responseType()).isList()) {
                String honest = "get" + op.name().substring(4);
                if (!names.contains(honest)) {
                    getName = Names.lowerCamel(honest);
                }
            }
            out.add(new CatalogOperation(op.group(), op.name(), op.javaName(), getName, op.verb(), op.route(),
                    op.summary(), op.deprecation(), op.unlisted(), op.paginated(), op.parameters(), op.requestType(),
                    op.responseStatus(), op.responseType()));
        }
        return out;
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static String text(JsonNode node, String field, String pointer) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw new ImportException(pointer + "." + field, "missing or not a string");
        }
        return value.stringValue();
    }

    private static @Nullable String description(JsonNode node) {
        JsonNode d = node.path("description");
        return (d.isString() && !d.stringValue().isBlank()) ? d.stringValue().trim() : null;
    }

    private static Set<String> requiredSet(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        return required;
    }

    private String scalarOrList(JsonNode p, String pointer) {
        String type = p.path("type").asString("");
        if (type.equals("array")) {
            return "list<" + scalar(p.path("items"), pointer + ".items") + ">";
        }
        return scalar(p, pointer);
    }

    private static String scalar(JsonNode schema, String pointer) {
        String type = schema.path("type").asString("");
        String format = schema.path("format").asString("");
        return switch (type) {
            case "integer" -> "integer";
            case "number" -> "number";
            case "boolean" -> "boolean";
            case "string" -> switch (format) {
                case "date-time" -> "date-time";
                case "date" -> "date";
                default -> "string";
            };
            default -> throw new ImportException(pointer + ".type", "unsupported type '" + type + "'");
        };
    }

    // ---- types -----------------------------------------------------------------------------

    private JsonNode resolve(JsonNode schema, String pointer) {
        JsonNode ref = schema.path("$ref");
        if (ref.isMissingNode()) {
            return schema;
        }
        String target = ref.asString("");
        if (!target.startsWith("#/definitions/")) {
            throw new ImportException(pointer + ".$ref", "unsupported reference '" + target + "'");
        }
        JsonNode definition = definitions.path(target.substring("#/definitions/".length()));
        if (!definition.isObject()) {
            throw new ImportException(pointer + ".$ref", "no definition '" + target + "'");
        }
        return definition;
    }

    /** Identity of an object schema: its definition name, or its place in the document. */
    private static String identity(JsonNode schema, String pointer) {
        JsonNode ref = schema.path("$ref");
        return ref.isMissingNode() ? "inline:" + pointer : "def:" + ref.asString();
    }

    private static boolean isNamedObject(JsonNode resolved) {
        return resolved.path("properties").isObject() && !resolved.path("properties").isEmpty();
    }

    /**
     * The type notation of a schema, naming and queueing object types on first sight.
     * @param owner the name of the type (or request stem, or route base) the schema belongs to
     * @param property the property holding the schema ({@code ""} for a response body)
     */
    private String typeOf(JsonNode schema, String role, String owner, String property, String pointer) {
        return typeOf(schema, role, owner, property, property.isEmpty() ? owner : owner + "." + property, pointer);
    }

    /**
     * @param side where the schema is used, as the overlay names it: {@code Owner.property}
     */
    private String typeOf(JsonNode schema, String role, String owner, String property, String side, String pointer) {
        if (!schema.isObject()) {
            throw new ImportException(pointer, "schema is not an object");
        }
        JsonNode resolved = resolve(schema, pointer);
        if (isNamedObject(resolved)) {
            String key = role + "|" + identity(schema, pointer);
            String schemaPointer = schema.has("$ref") ? schema.path("$ref").asString() : pointer;
            String recorded = nameAt(side);
            if (recorded != null) {
                found.putIfAbsent(key, recorded);
                return use(recorded, key, role, resolved, side, schemaPointer);
            }
            String name = names.get(key);
            if (name == null) {
                String kept = preferred.get(key);
                if (kept != null) {
                    return use(kept, key, role, resolved, side, schemaPointer);
                }
                String stem = property.isEmpty() ? owner : owner + Names.pascal(property);
                name = claim(stem, side, pointer);
                names.put(key, name);
                holders.put(name, key);
                holderSchemas.put(name, resolved);
                pending.add(new Pending(name, role, resolved, schemaPointer));
            }
            return name;
        }
        String type = resolved.path("type").asString("");
        switch (type) {
            case "array" -> {
                JsonNode items = resolved.path("items");
                if (!items.isObject()) {
                    throw new ImportException(pointer + ".items", "array without items");
                }
                String itemProperty = property.isEmpty() ? "" : Names.singular(property, overlay.singulars());
                return "list<" + typeOf(items, role, owner, itemProperty, side, pointer + ".items") + ">";
            }
            case "object" -> {
                JsonNode additional = resolved.path("additionalProperties");
                if (additional.isObject() && !additional.isEmpty()) {
                    return "map<" + typeOf(additional, role, owner, property, side, pointer + ".additionalProperties")
                            + ">";
                }
                return "any";
            }
            case "" -> {
                return "any";
            }
            default -> {
                return scalar(resolved, pointer);
            }
        }
    }

    /**
     * Names the type used at {@code side}: the overlay's name for that side, else the derived
     * name (curated by the overlay). Two sides that would get the same name are an error until
     * the overlay names them, so that no name is decided by the order of the document. (A side the
     * overlay or the previous catalog names does not come here: see {@link #use}.)
     * @param derived the name the rules derive
     * @param side {@code "VERB /route"} for a response, {@code "Owner.property"} for a property's type
     */
    private String claim(String derived, String side, String pointer) {
        String curatedDerived = curated(derived);
        String named = overlay.typeNames().get(side);
        String holder = sides.get(curatedDerived);
        if (holder != null && (named == null || !overlay.typeNames().containsKey(holder))) {
            return conflict(pointer, "the type of " + side + " would be named " + curatedDerived
                    + ", the name of the type of " + holder + ": name both in the overlay's typeNames, as \""
                    + holder + "\": \"…\" and \"" + side + "\": \"…\"", curatedDerived);
        }
        String name = (named != null) ? named : curatedDerived;
        String recordedSide = record.sideOf(name);
        if (named == null && recordedSide != null) {
            return conflict(pointer, "the type of " + side + " (a shape the catalog has not named before) would be named "
                    + name + ", the name the catalog gives the type of " + recordedSide + ": name it in the overlay's "
                    + "typeNames, as \"" + side + "\": \"…\"", name);
        }
        if (!taken.add(name)) {
            return conflict(pointer, "the type of " + side + " is named " + name + ", which is taken by "
                    + sides.getOrDefault(name, "a request type") + ": give it another name in the overlay's typeNames", name);
        }
        sides.put(name, side);
        return name;
    }

    /** Names the response types of operations, most telling use first. */
    private void nameResponseTypes(List<RawOperation> ops) {
        for (int pass = 1; pass <= 4; pass++) {
            for (RawOperation op : ops) {
                JsonNode responses = op.node().path("responses");
                String status = null;
                for (String code : responses.propertyNames()) {
                    if (code.matches("2\\d\\d") && (status == null || code.compareTo(status) < 0)) {
                        status = code;
                    }
                }
                if (status == null) {
                    continue;
                }
                String pointer = op.pointer() + ".responses." + status + ".schema";
                JsonNode schema = responses.path(status).path("schema");
                boolean array = schema.path("type").asString("").equals("array");
                if (array) {
                    pointer = pointer + ".items";
                    schema = schema.path("items");
                }
                if (!schema.isObject() || !isNamedObject(resolve(schema, pointer))) {
                    continue;
                }
                boolean get = op.verb().equals("GET");
                boolean byId = op.route().endsWith("}");
                int opPass = !get ? 4 : array ? 3 : byId ? 1 : 2;
                if (opPass != pass) {
                    continue;
                }
                String key = RESPONSE + "|" + identity(schema, pointer);
                String side = op.verb() + " " + op.route();
                String recorded = nameAt(side);
                if (recorded != null) {
                    found.putIfAbsent(key, recorded);
                    use(recorded, key, RESPONSE, resolve(schema, pointer), side, pointer);
                    continue;
                }
                if (names.containsKey(key)) {
                    continue;
                }
                if (preferred.containsKey(key)) {
                    use(preferred.get(key), key, RESPONSE, resolve(schema, pointer), side, pointer);
                    continue;
                }
                String base = routeBase(op.route());
                String derived = base;
                if (taken.contains(curated(base))) {
                    derived = base + (pass == 3 ? "Summary" : Names.pascal(op.verb().toLowerCase(Locale.ROOT)) + "Response");
                }
                String name = claim(derived, side, pointer);
                names.put(key, name);
                holders.put(name, key);
                holderSchemas.put(name, resolve(schema, pointer));
                pending.add(new Pending(name, RESPONSE, resolve(schema, pointer), pointer));
            }
        }
    }

    /** The name the overlay or the previous catalog gives the type used at a side, or {@code null}. */
    private @Nullable String nameAt(String side) {
        String named = overlay.typeNames().get(side);
        return named != null ? named : record.nameAt(side);
    }

    /**
     * Gives a kept name to the schema {@code key} used at {@code side}. A name already held by
     * another schema is a type split in two, unless both are the same shape written twice.
     */
    private String use(String name, String key, String role, JsonNode resolved, String side, String pointer) {
        String holder = holders.get(name);
        if (holder == null) {
            holders.put(name, key);
            holderSchemas.put(name, resolved);
            taken.add(name);
            sides.put(name, side);
            names.putIfAbsent(key, name);
            pending.add(new Pending(name, role, resolved, pointer));
            return name;
        }
        if (!holder.equals(key) && !holderSchemas.get(name).equals(resolved)) {
            if (role.equals(RESPONSE) && compatible(holderSchemas.get(name), resolved)) {
                if (unionKeys.add(name + "|" + key)) {
                    unions.computeIfAbsent(name, n -> new ArrayList<>()).add(new Pending(name, role, resolved, pointer));
                }
                names.putIfAbsent(key, name);
                return name;
            }
            return conflict(pointer, "the type " + name + " is now two shapes, used at " + sides.get(name) + " and at "
                    + side + ": name one of them in the overlay's typeNames, as \"" + side + "\": \"…\"", name);
        }
        names.putIfAbsent(key, name);
        return name;
    }

    /**
     * A naming conflict: stops the last pass; an earlier one, whose names may still change, goes on
     * with a name no one uses.
     */
    private String conflict(String pointer, String problem, String name) {
        if (strict) {
            throw new ImportException(pointer, problem);
        }
        String placeholder = name + "$" + (++placeholders);
        taken.add(placeholder);
        return placeholder;
    }

    private String curated(String derived) {
        return overlay.typeNames().getOrDefault(derived, derived);
    }

    /** {@code /scripts/{id}/runs/{run_id}} → {@code ScriptRun}. */
    private String routeBase(String route) {
        StringBuilder base = new StringBuilder();
        for (String segment : segments(route)) {
            if (!isPlaceholder(segment)) {
                base.append(Names.pascal(Names.singular(segment, overlay.singulars())));
            }
        }
        return base.toString();
    }

    /** Builds the fields of every queued type; nested object types are queued as they are met. */
    private void drainPending() {
        while (!pending.isEmpty() || !unions.isEmpty()) {
            while (!pending.isEmpty()) {
                Pending p = pending.poll();
                types.put(p.name(), new CatalogType(p.name(), p.role(), description(p.schema()), fields(p, List.of())));
            }
            // A kept name whose uses now have two compatible shapes reads the properties of both.
            Map<String, List<Pending>> more = new TreeMap<>(unions);
            unions.clear();
            more.forEach((name, shapes) -> {
                CatalogType type = types.get(name);
                List<CatalogField> fields = new ArrayList<>(type.fields());
                for (Pending shape : shapes) {
                    fields.addAll(fields(shape, fields));
                }
                types.put(name, new CatalogType(name, type.role(), type.description(), fields));
            });
        }
    }

    /** The fields of a queued type's schema, but for the properties {@code existing} already has. */
    private List<CatalogField> fields(Pending p, List<CatalogField> existing) {
        Set<String> required = requiredSet(p.schema());
        List<CatalogField> fields = new ArrayList<>();
        Set<String> javaNames = new HashSet<>();
        Set<String> wires = new HashSet<>();
        existing.forEach(f -> {
            javaNames.add(f.javaName());
            wires.add(f.wireName());
        });
        for (Map.Entry<String, JsonNode> prop : p.schema().path("properties").properties()) {
            String wire = prop.getKey();
            if (wires.contains(wire)) {
                continue;
            }
            String pointer = p.pointer() + ".properties." + wire;
            String type = fieldType(p.name(), wire, typeOf(prop.getValue(), p.role(), p.name(), wire, pointer));
            String javaName = Names.member(wire, type);
            if (!javaNames.add(javaName)) {
                throw new ImportException(pointer, "two properties are both named '" + javaName + "' in Java");
            }
            fields.add(new CatalogField(javaName, wire, type, required.contains(wire), description(prop.getValue()), null));
        }
        return fields;
    }

    /**
     * Whether two response shapes can be read as one type: every property they share has the
     * same schema, so that reading the union of their properties reads each as sent.
     */
    private static boolean compatible(JsonNode one, JsonNode other) {
        for (Map.Entry<String, JsonNode> prop : one.path("properties").properties()) {
            JsonNode same = other.path("properties").path(prop.getKey());
            if (!same.isMissingNode() && !same.equals(prop.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The overlay's correction of a property type, if any. */
    private String fieldType(String typeName, String wire, String declared) {
        String corrected = overlay.fieldTypes().get(typeName + "." + wire);
        if (corrected == null) {
            corrected = overlay.fieldTypes().get("*." + wire);
        }
        if (corrected == null) {
            return declared;
        }
        try {
            TypeRef.parse(corrected);
        }
        catch (IllegalArgumentException ex) {
            throw new ImportException("overlay.fieldTypes." + wire, ex.getMessage());
        }
        return corrected;
    }
}
