package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.simulator.faults.FaultRule;

/**
 * Every catalog route compiled into a matcher. Where several routes match a path, the one with
 * a literal segment earliest wins ({@code /users/me} before {@code /users/{id}}).
 */
public final class RouteTable {

    private static final Pattern DEFAULT_LIMIT = Pattern.compile("Defaults to (?:its maximum of )?(\\d+)");

    private static final Pattern MAX_LIMIT = Pattern.compile("(?:Maximum allowed is|maximum of) (\\d+)");

    private final List<Route> routes;

    private final Set<String> templates = new HashSet<>();

    /** {@code "VERB /collection"} for every route ending in a placeholder, whatever its name. */
    private final Set<String> itemTemplates = new HashSet<>();

    private final WireNames wireNames;

    /** Compiles the catalog's routes. */
    public RouteTable(Catalog catalog) {
        this.wireNames = new WireNames(catalog);
        List<Route> compiled = new ArrayList<>();
        for (CatalogOperation operation : catalog.operations()) {
            compiled.add(compile(operation));
            String template = FaultRule.normalizeRoute(operation.route());
            templates.add(operation.verb() + " " + template);
            int last = template.lastIndexOf('/');
            if (last > 0 && isPlaceholder(template.substring(last + 1))) {
                itemTemplates.add(operation.verb() + " " + template.substring(0, last));
            }
        }
        compiled.sort(Comparator.comparing(Route::specificity).reversed());
        this.routes = List.copyOf(compiled);
    }

    /** The declared spelling of the routes' query and body names. */
    WireNames wireNames() {
        return wireNames;
    }

    /** The number of routes. */
    public int size() {
        return routes.size();
    }

    /**
     * Whether the catalog has that verb on one object of a collection: {@code /x/{id}}, or for
     * a top-level collection any placeholder name ({@code /projects/{project_id}}).
     *
     * @param verb the HTTP verb
     * @param collection the collection's normalized template, e.g. {@code /credentials}
     */
    public boolean hasItemRoute(String verb, String collection) {
        if (has(verb, collection + "/{id}")) {
            return true;
        }
        return collection.indexOf('{') < 0 && itemTemplates.contains(verb + " " + collection);
    }

    /** Whether the catalog has that verb on that (normalized) route template. */
    public boolean has(String verb, String template) {
        return templates.contains(verb + " " + template);
    }

    /** The route of that verb matching the path. */
    public Optional<RouteMatch> match(String verb, String path) {
        String[] segments = segments(FaultRule.normalizeRoute(path));
        for (Route route : routes) {
            if (!route.operation().verb().equals(verb) || route.segments().length != segments.length) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < segments.length && matches; i++) {
                String expected = route.segments()[i];
                if (isPlaceholder(expected)) {
                    values.put(expected.substring(1, expected.length() - 1), segments[i]);
                }
                else {
                    matches = expected.equals(segments[i]);
                }
            }
            if (matches) {
                return Optional.of(new RouteMatch(route, segments, values));
            }
        }
        return Optional.empty();
    }

    /** The segments of a normalized path, without the empty one before the leading slash. */
    static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    /** Whether a template segment is a {@code {placeholder}}. */
    static boolean isPlaceholder(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static Route compile(CatalogOperation operation) {
        String template = FaultRule.normalizeRoute(operation.route());
        String[] segments = segments(template);
        StringBuilder specificity = new StringBuilder();
        for (String segment : segments) {
            specificity.append(isPlaceholder(segment) ? '0' : '1');
        }
        int defaultLimit = 20;
        int maxLimit = 50;
        for (CatalogParameter parameter : operation.parameters()) {
            if (parameter.name().equals("limit") && parameter.description() != null) {
                Matcher d = DEFAULT_LIMIT.matcher(parameter.description());
                if (d.find()) {
                    defaultLimit = Integer.parseInt(d.group(1));
                }
                Matcher m = MAX_LIMIT.matcher(parameter.description());
                maxLimit = m.find() ? Integer.parseInt(m.group(1)) : Math.max(defaultLimit, maxLimit);
            }
        }
        return new Route(operation, template, segments, specificity.toString(), defaultLimit, maxLimit);
    }

    /**
     * A compiled route.
     *
     * @param operation the catalog operation
     * @param template the normalized route template
     * @param segments the template's segments
     * @param specificity one character per segment, {@code 1} literal, {@code 0} placeholder
     * @param defaultLimit the page size when the call gives no {@code limit}
     * @param maxLimit the largest page size allowed
     */
    public record Route(CatalogOperation operation, String template, String[] segments, String specificity,
            int defaultLimit, int maxLimit) {
    }

    /**
     * A path matched to a route.
     *
     * @param route the route
     * @param segments the concrete path's segments
     * @param pathValues the placeholder values by name
     */
    public record RouteMatch(Route route, String[] segments, Map<String, String> pathValues) {

        /** The concrete path of the first {@code count} segments. */
        public String prefix(int count) {
            return "/" + String.join("/", java.util.Arrays.asList(segments).subList(0, count));
        }

        /** The template of the first {@code count} segments. */
        public String templatePrefix(int count) {
            return "/" + String.join("/", java.util.Arrays.asList(route.segments()).subList(0, count));
        }
    }
}
