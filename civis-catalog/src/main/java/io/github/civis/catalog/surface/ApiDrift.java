package io.github.civis.catalog.surface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What moved between the API a client was built from and the API a platform describes now.
 *
 * @param removed operations the bundled API has and the platform no longer lists
 * @param added operations the platform lists and the bundled API does not have
 * @param changed operations both have whose parameters changed in a way that can break a call:
 *        a new required parameter, a parameter now required, a removed parameter or a changed type
 */
public record ApiDrift(List<Drifted> removed, List<Drifted> added, List<Drifted> changed) {

    public ApiDrift {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
        changed = List.copyOf(changed);
    }

    /**
     * One operation that moved.
     *
     * @param verb the HTTP verb, upper case
     * @param route the route; the bundled API's, except for an added operation
     * @param changes what changed, one sentence per parameter (empty for removed and added operations)
     */
    public record Drifted(String verb, String route, List<String> changes) {

        public Drifted {
            changes = List.copyOf(changes);
        }

        /** The operation's key, see {@link ApiSurface#key(String, String)}. */
        public String key() {
            return ApiSurface.key(verb, route);
        }
    }

    /** No drift at all. */
    public static ApiDrift none() {
        return new ApiDrift(List.of(), List.of(), List.of());
    }

    /**
     * Compares two surfaces.
     *
     * @param bundled the API the client was built from
     * @param platform the API the platform describes now
     * @return what moved, each list sorted by route then verb
     */
    public static ApiDrift between(ApiSurface bundled, ApiSurface platform) {
        List<Drifted> removed = new ArrayList<>();
        List<Drifted> changed = new ArrayList<>();
        for (ApiSurface.Operation mine : bundled.all()) {
            ApiSurface.Operation theirs = platform.operations().get(mine.key());
            if (theirs == null) {
                removed.add(new Drifted(mine.verb(), mine.route(), List.of()));
                continue;
            }
            List<String> changes = changes(mine.parameters(), theirs.parameters());
            if (!changes.isEmpty()) {
                changed.add(new Drifted(mine.verb(), mine.route(), changes));
            }
        }
        List<Drifted> added = new ArrayList<>();
        for (ApiSurface.Operation theirs : platform.all()) {
            if (!bundled.operations().containsKey(theirs.key())) {
                added.add(new Drifted(theirs.verb(), theirs.route(), List.of()));
            }
        }
        return new ApiDrift(sorted(removed), sorted(added), sorted(changed));
    }

    private static List<String> changes(Map<String, ApiSurface.Parameter> mine,
            Map<String, ApiSurface.Parameter> theirs) {
        List<String> changes = new ArrayList<>();
        mine.forEach((key, parameter) -> {
            ApiSurface.Parameter now = theirs.get(key);
            if (now == null) {
                changes.add(parameter.in() + " parameter '" + parameter.name() + "' was removed");
                return;
            }
            if (now.required() && !parameter.required()) {
                changes.add(parameter.in() + " parameter '" + parameter.name() + "' is now required");
            }
            if (!now.type().equals(parameter.type()) && !now.type().equals("any") && !parameter.type().equals("any")) {
                changes.add(parameter.in() + " parameter '" + parameter.name() + "' changed type from "
                        + parameter.type() + " to " + now.type());
            }
        });
        theirs.forEach((key, parameter) -> {
            if (parameter.required() && !mine.containsKey(key)) {
                changes.add("new required " + parameter.in() + " parameter '" + parameter.name() + "'");
            }
        });
        changes.sort(Comparator.naturalOrder());
        return changes;
    }

    private static List<Drifted> sorted(List<Drifted> operations) {
        return operations.stream()
            .sorted(Comparator.comparing(Drifted::route).thenComparing(Drifted::verb))
            .toList();
    }

    /** Whether nothing moved. */
    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty() && changed.isEmpty();
    }
}
