package io.github.civis.simulator.http;

import java.util.Locale;

/**
 * The platform's name filters: case-insensitive, with {@code %} and {@code *} standing for any
 * run of characters (none included); every other character, {@code .}, {@code _}, {@code \} and
 * regex syntax among them, stands for itself. Matched without regular expressions, so that no
 * filter can fail to compile or take exponential time.
 */
final class NameWildcards {

    private NameWildcards() {
    }

    /** Whether a filter holds a wildcard, so that it matches more than one name. */
    static boolean hasWildcard(String filter) {
        return filter.indexOf('%') >= 0 || filter.indexOf('*') >= 0;
    }

    /**
     * Whether a name matches a filter.
     *
     * @param name the name, e.g. {@code cities}
     * @param filter the filter, e.g. {@code cit%}
     * @return whether the whole name matches, without regard to case
     */
    static boolean matches(String name, String filter) {
        String text = name.toLowerCase(Locale.ROOT);
        String pattern = filter.toLowerCase(Locale.ROOT);
        int t = 0;
        int p = 0;
        // Where the last wildcard was, and the text position it was last tried to cover up to:
        // on a mismatch the wildcard takes one more character (linear backtracking, bounded by
        // text length times pattern length).
        int star = -1;
        int covered = 0;
        while (t < text.length()) {
            if (p < pattern.length() && isWildcard(pattern.charAt(p))) {
                star = p++;
                covered = t;
            }
            else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            }
            else if (star >= 0) {
                p = star + 1;
                t = ++covered;
            }
            else {
                return false;
            }
        }
        while (p < pattern.length() && isWildcard(pattern.charAt(p))) {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean isWildcard(char c) {
        return c == '%' || c == '*';
    }
}
