package io.github.civis.codegen.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogGroup;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogType;
import io.github.civis.codegen.generator.ApiNames;

/**
 * The catalog imported before, whose names a new import keeps: the operations, properties and
 * parameters the new document no longer lists stay, deprecated, and so do the types only they
 * use. What cannot be kept (a value whose type changes, a method that would go) stops the import
 * until the overlay decides: it keeps the earlier type ({@link Overlay#fieldTypes()}) or lets the
 * name go ({@link Overlay#droppedNames()}).
 */
final class PreviousCatalog {

    private static final List<String> VERBS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** The order of a group's operations: by route, then verb. */
    static final Comparator<CatalogOperation> ORDER = Comparator.comparing(CatalogOperation::route)
        .thenComparing(op -> VERBS.indexOf(op.verb()));

    private final Catalog previous;

    private PreviousCatalog(Catalog previous) {
        this.previous = previous;
    }

    static PreviousCatalog of(Catalog previous) {
        return new PreviousCatalog(previous);
    }

    /**
     * The imported catalog with every name of the previous one kept.
     * @throws ImportException naming every name that would go or change
     */
    Catalog keepNames(Catalog imported, Overlay overlay) {
        String document = imported.source().documentName();
        String since = imported.source().date() != null ? imported.source().date() : imported.source().version();
        String unlistedOperation = capitalised(document) + " no longer lists this operation: a call may answer 404.";
        String unlistedProperty = capitalised(document) + " no longer lists this property: the API may no longer send it.";
        String unlistedParameter = capitalised(document) + " no longer lists this parameter: the API may ignore it.";

        Map<String, CatalogOperation> importedOps = new LinkedHashMap<>();
        imported.operations().forEach(op -> importedOps.put(key(op), op));
        Map<String, String> groupNames = new TreeMap<>();
        Map<String, List<CatalogOperation>> groups = new TreeMap<>();
        for (CatalogGroup group : imported.groups()) {
            groupNames.put(group.name(), group.javaName());
            groups.put(group.name(), new ArrayList<>(group.operations()));
        }
        for (CatalogGroup group : previous.groups()) {
            groupNames.putIfAbsent(group.name(), group.javaName());
            List<CatalogOperation> ops = groups.computeIfAbsent(group.name(), g -> new ArrayList<>());
            for (CatalogOperation before : group.operations()) {
                CatalogOperation now = importedOps.get(key(before));
                if (now == null) {
                    ops.add(before.unlisted() != null ? before : new CatalogOperation(before.group(), before.name(),
                            before.javaName(), before.getName(), before.verb(), before.route(), before.summary(),
                            unlistedOperation, since, before.paginated(), before.parameters(), before.requestType(),
                            before.responseStatus(), before.responseType()));
                }
                else {
                    ops.set(ops.indexOf(now), keep(before, now, ops, unlistedParameter));
                }
            }
        }
        List<CatalogGroup> mergedGroups = new ArrayList<>();
        groups.forEach((name, ops) -> {
            ops.sort(ORDER);
            mergedGroups.add(new CatalogGroup(name, groupNames.get(name), List.copyOf(ops)));
        });

        Map<String, CatalogType> types = new TreeMap<>(imported.typesByName());
        List<String> problems = new ArrayList<>();
        for (CatalogType before : previous.types()) {
            CatalogType now = types.get(before.name());
            if (now == null) {
                types.put(before.name(), before);
            }
            else if (!now.role().equals(before.role())) {
                problems.add("type " + before.name() + " is now a" + (now.role().equals(CatalogType.INPUT) ? "n " : " ")
                        + now.role() + " type, no longer a" + (before.role().equals(CatalogType.INPUT) ? "n " : " ")
                        + before.role() + " type");
            }
            else {
                types.put(before.name(), keep(before, now, unlistedProperty, problems));
            }
        }
        Catalog merged = new Catalog(imported.format(), imported.source(), mergedGroups, List.copyOf(types.values()));

        SortedSet<String> lost = new TreeSet<>(ApiNames.of(previous));
        lost.removeAll(ApiNames.of(merged));
        lost.removeAll(overlay.droppedNames());
        lost.forEach(name -> problems.add("would no longer give " + name));
        if (!problems.isEmpty()) {
            throw new ImportException("$", problems.size() + " change(s) of " + document + " cannot keep the names the "
                    + "catalog gave; decide in the overlay (fieldTypes keeps a value's earlier type, typeNames names a "
                    + "type, droppedNames lets a name go):\n  " + String.join("\n  ", problems));
        }
        return merged;
    }

    /** An operation the document still lists, keeping the previous one's parameters and names. */
    private static CatalogOperation keep(CatalogOperation before, CatalogOperation now, List<CatalogOperation> group,
            String unlistedParameter) {
        Map<String, List<CatalogParameter>> byLocation = new LinkedHashMap<>();
        for (String location : List.of("path", "query", "body")) {
            byLocation.put(location, new ArrayList<>(now.parameters(location)));
        }
        boolean carried = false;
        for (CatalogParameter p : before.parameters()) {
            boolean listed = now.parameters().stream().anyMatch(q -> q.javaName().equals(p.javaName()));
            if (!listed) {
                byLocation.get(p.in()).add(p.deprecation() != null ? p : new CatalogParameter(p.name(), p.javaName(),
                        p.wireName(), p.in(), p.type(), false, p.description(), unlistedParameter));
                carried |= !p.in().equals("path");
            }
        }
        List<CatalogParameter> parameters = new ArrayList<>();
        byLocation.values().forEach(parameters::addAll);
        String requestType = now.requestType() == null && carried ? before.requestType() : now.requestType();
        String getName = now.getName();
        if (getName == null && before.getName() != null
                && group.stream().noneMatch(op -> op.javaName().equals(before.getName()))) {
            getName = before.getName();
        }
        return new CatalogOperation(now.group(), now.name(), now.javaName(), getName, now.verb(), now.route(), now.summary(),
                now.deprecation(), null, now.paginated(), parameters, requestType, now.responseStatus(), now.responseType());
    }

    /** A type the document still has, keeping the previous one's properties. */
    private static CatalogType keep(CatalogType before, CatalogType now, String unlistedProperty, List<String> problems) {
        List<CatalogField> fields = new ArrayList<>(now.fields());
        for (CatalogField field : before.fields()) {
            CatalogField listed = now.fields().stream().filter(f -> f.javaName().equals(field.javaName())).findFirst()
                .orElse(null);
            if (listed == null) {
                fields.add(field.deprecation() != null ? field : new CatalogField(field.javaName(), field.wireName(),
                        field.type(), false, field.description(), unlistedProperty));
            }
            else if (!listed.type().equals(field.type())) {
                problems.add(before.name() + "." + field.wireName() + " changes its type from " + field.type() + " to "
                        + listed.type() + " (to keep it: fieldTypes \"" + before.name() + "." + field.wireName() + "\": \""
                        + field.type() + "\")");
            }
        }
        return new CatalogType(now.name(), now.role(), now.description(), fields);
    }

    private static String key(CatalogOperation op) {
        return op.verb() + " " + op.route();
    }

    private static String capitalised(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
