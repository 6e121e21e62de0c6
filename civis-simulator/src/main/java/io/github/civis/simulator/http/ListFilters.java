package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.simulator.state.StoredObject;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The documented filters of a list route, applied to stored objects. Every query parameter the
 * catalog declares for the route, apart from paging and ordering, is a filter on the stored
 * field of the same wire name:
 * <ul>
 * <li>several values (repeated, {@code state[]=a&state[]=b}, or comma-separated where the
 *     documentation says so) match any of them; values compare without regard to case;</li>
 * <li>a field holding an object compares its {@code id} ({@code remoteHostId} also looks at
 *     {@code remoteHost.id}); a field holding a list matches when any element does;</li>
 * <li>{@code author} is the user who created the object; {@code archived=all} keeps everything;</li>
 * <li>{@code name} matches a substring where the documentation says so, and {@code %} and
 *     {@code *} are wildcards;</li>
 * <li>a boolean filter documented as {@code Defaults to false} (e.g. {@code hidden}) applies
 *     that default when the call leaves it out.</li>
 * </ul>
 * A filter on a field the stored objects do not have (e.g. a date range) cannot be evaluated
 * and keeps every object.
 */
final class ListFilters {

    private static final Set<String> PAGING = Set.of("limit", "pageNum", "order", "orderDir", "iterator");

    private static final Pattern BOOLEAN_DEFAULT = Pattern.compile("Defaults to '?(true|false)'?");

    private ListFilters() {
    }

    /** Whether a stored object, as the API shows it, passes every filter of the (wire-named) request. */
    static boolean matches(CatalogOperation operation, StoredObject stored, ObjectNode view, SimulatorRequest request) {
        for (CatalogParameter parameter : operation.parameters("query")) {
            if (PAGING.contains(parameter.wireName())) {
                continue;
            }
            List<String> values = values(parameter, request.query().get(parameter.wireName()));
            if (!values.isEmpty() && !matches(parameter, values, stored, view)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> values(CatalogParameter parameter, @Nullable List<String> given) {
        String description = (parameter.description() != null) ? parameter.description() : "";
        if (given == null || given.isEmpty()) {
            Matcher fallback = BOOLEAN_DEFAULT.matcher(description);
            return (parameter.type().equals("boolean") || parameter.wireName().equals("archived")) && fallback.find()
                    ? List.of(fallback.group(1)) : List.of();
        }
        boolean commaSeparated = parameter.type().startsWith("list<")
                || description.toLowerCase(Locale.ROOT).contains("comma");
        List<String> values = new ArrayList<>();
        for (String value : given) {
            for (String each : commaSeparated ? value.split(",") : new String[] { value }) {
                if (!each.isBlank()) {
                    values.add(each.trim());
                }
            }
        }
        return values;
    }

    private static boolean matches(CatalogParameter parameter, List<String> values, StoredObject stored,
            ObjectNode view) {
        String name = parameter.wireName();
        if (name.equals("author")) {
            return values.contains(String.valueOf(stored.ownerId()));
        }
        if (name.equals("archived") && values.stream().anyMatch("all"::equalsIgnoreCase)) {
            return true;
        }
        JsonNode field = view.get(name);
        if (field == null && name.endsWith("Id") && view.get(name.substring(0, name.length() - 2)) instanceof ObjectNode ref) {
            field = ref.get("id");
        }
        if (field == null) {
            return true;
        }
        if (field.isArray()) {
            for (JsonNode element : field) {
                if (matchesValue(parameter, values, element)) {
                    return true;
                }
            }
            return false;
        }
        return matchesValue(parameter, values, field);
    }

    private static boolean matchesValue(CatalogParameter parameter, List<String> values, JsonNode field) {
        JsonNode value = (field.isObject() && field.has("id")) ? field.get("id") : field;
        if (!value.isValueNode()) {
            return false;
        }
        // A null archived flag is an object never archived.
        String text = value.isNull() ? (parameter.wireName().equals("archived") ? "false" : null) : value.asString();
        if (text == null) {
            return false;
        }
        for (String wanted : values) {
            if (parameter.wireName().equals("name") ? nameMatches(parameter, wanted, text) : wanted.equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameMatches(CatalogParameter parameter, String wanted, String name) {
        String lowerName = name.toLowerCase(Locale.ROOT);
        String lowerWanted = wanted.toLowerCase(Locale.ROOT);
        if (NameWildcards.hasWildcard(wanted)) {
            return NameWildcards.matches(name, wanted);
        }
        String description = (parameter.description() != null) ? parameter.description().toLowerCase(Locale.ROOT) : "";
        return (description.contains("substring") || description.contains("containing")) ? lowerName.contains(lowerWanted)
                : lowerName.equals(lowerWanted);
    }
}
