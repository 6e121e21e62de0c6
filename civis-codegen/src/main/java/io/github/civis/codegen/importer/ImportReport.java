package io.github.civis.codegen.importer;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.codegen.generator.ApiNames;

/**
 * What an import changed, for the person running it: the operations added and deprecated (no
 * longer listed by the document), and how many names of the generated API were kept and added.
 *
 * @param added operations the previous catalog did not have, as {@code VERB /route (group.name)}
 * @param deprecated operations this import marked unlisted
 * @param keptNames names of the previous catalog's API still given
 * @param addedNames names given for the first time
 */
record ImportReport(List<String> added, List<String> deprecated, int keptNames, int addedNames) {

    static ImportReport of(@Nullable Catalog previous, Catalog catalog) {
        Set<String> before = previous == null ? Set.of()
                : previous.operations().stream().map(ImportReport::key).collect(Collectors.toSet());
        Set<String> unlistedBefore = previous == null ? Set.of()
                : previous.operations().stream().filter(op -> op.unlisted() != null).map(ImportReport::key)
                    .collect(Collectors.toSet());
        List<String> added = catalog.operations().stream().filter(op -> !before.contains(key(op)))
            .map(ImportReport::describe).toList();
        List<String> deprecated = catalog.operations().stream()
            .filter(op -> op.unlisted() != null && !unlistedBefore.contains(key(op)))
            .map(ImportReport::describe).toList();
        SortedSet<String> names = ApiNames.of(catalog);
        SortedSet<String> kept = new TreeSet<>(previous == null ? Set.of() : ApiNames.of(previous));
        kept.retainAll(names);
        return new ImportReport(added, deprecated, kept.size(), names.size() - kept.size());
    }

    private static String key(CatalogOperation op) {
        return op.verb() + " " + op.route();
    }

    private static String describe(CatalogOperation op) {
        return op.verb() + " " + op.route() + " (" + op.group() + "." + op.name() + ")";
    }

    /** The report as printed by {@code scripts/import-catalog}. */
    String text() {
        StringBuilder text = new StringBuilder();
        text.append("Added ").append(added.size()).append(" operation(s):\n");
        added.forEach(op -> text.append("  + ").append(op).append('\n'));
        text.append("Deprecated ").append(deprecated.size()).append(" operation(s) the document no longer lists:\n");
        deprecated.forEach(op -> text.append("  - ").append(op).append('\n'));
        text.append("Kept ").append(keptNames).append(" name(s) of the generated API; added ").append(addedNames)
            .append(".\n");
        return text.toString();
    }
}
