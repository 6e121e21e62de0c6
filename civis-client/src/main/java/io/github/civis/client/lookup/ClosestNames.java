package io.github.civis.client.lookup;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The existing names nearest to a mistyped one, by edit distance ignoring case: the "did you
 * mean …" of a lookup miss, and of the starter's check of {@code civis.*} property names.
 */
public final class ClosestNames {

    private static final int MAX_SUGGESTIONS = 3;

    private ClosestNames() {
    }

    /**
     * The closest existing names, nearest first: at most three, each within an edit distance of
     * half the wanted name (at least 2), or containing it.
     * @param wanted the mistyped name
     * @param existing the names that exist
     * @return the suggestions, possibly none
     */
    public static List<String> to(String wanted, List<String> existing) {
        String folded = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, folded.length() / 2);
        return existing.stream()
            .distinct()
            .map(name -> new Scored(name, distance(folded, name.toLowerCase(Locale.ROOT))))
            .filter(s -> s.distance() <= limit || s.name().toLowerCase(Locale.ROOT).contains(folded))
            .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
            .limit(MAX_SUGGESTIONS)
            .map(Scored::name)
            .toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private record Scored(String name, int distance) {
    }
}
