package io.github.civis.client.lookup;

import java.util.List;

import io.github.civis.client.error.CivisException;

/**
 * A name that names nothing, or not one thing: no database, table, credential or storage host
 * of exactly that name, or several. The message lists the candidates ({@link #closestMatches()}):
 * the closest existing names, the platform's inexact matches, or the things an ambiguous name
 * names.
 */
public class CivisLookupException extends CivisException {

    private static final long serialVersionUID = 1L;

    /** How many candidates a message lists; the rest are counted. */
    private static final int LISTED = 10;

    private final String kind;
    private final String name;
    private final List<String> closestMatches;

    /**
     * @param kind what was looked up, e.g. {@code database}
     * @param name the name asked for
     * @param closestMatches the existing names closest to it, closest first
     * @param where where it was looked for, e.g. {@code  in database 'x'}, or empty
     */
    public CivisLookupException(String kind, String name, List<String> closestMatches, String where) {
        this("No " + kind + " named '" + name + "'" + where
                + (closestMatches.isEmpty() ? "" : "; did you mean " + listed(closestMatches, true) + "?"),
                kind, name, closestMatches);
    }

    private CivisLookupException(String message, String kind, String name, List<String> candidates) {
        super(message);
        this.kind = kind;
        this.name = name;
        this.closestMatches = List.copyOf(candidates);
    }

    /**
     * The platform's name filter matched, but not exactly: it treats {@code *} and {@code %} as
     * wildcards and may match more than the name, and a lookup never takes a guess.
     * @param kind what was looked up, e.g. {@code table}
     * @param name the name asked for
     * @param matched the names the platform matched
     * @param where where it was looked for, e.g. {@code  in database 'x'}, or empty
     * @return the exception, listing the matches
     */
    public static CivisLookupException inexact(String kind, String name, List<String> matched, String where) {
        return new CivisLookupException("No " + kind + " named exactly '" + name + "'" + where
                + "; the platform's name filter matched " + listed(matched, true) + " (a lookup takes only a name equal to"
                + " the one given, '*' and '%' included; give the exact name)", kind, name, matched);
    }

    /**
     * Several things have the name, and a lookup never picks one of them.
     * @param kind what was looked up, e.g. {@code credential}
     * @param name the name asked for
     * @param candidates the things of that name, each described with its id, e.g. {@code 'x' (id 7)}
     * @param where where it was looked for, e.g. {@code  in database 'x'}, or empty
     * @return the exception, listing the candidates
     */
    public static CivisLookupException ambiguous(String kind, String name, List<String> candidates, String where) {
        return new CivisLookupException("The name '" + name + "' names " + candidates.size() + " " + kind + "s" + where
                + ": " + listed(candidates, false) + "; use the id, or give a name that names only one", kind, name,
                candidates);
    }

    private static String listed(List<String> names, boolean quoted) {
        String shown = String.join(", ", names.stream().limit(LISTED).map(m -> quoted ? "'" + m + "'" : m).toList());
        return (names.size() > LISTED) ? shown + " and " + (names.size() - LISTED) + " more" : shown;
    }

    /** What was looked up: {@code database}, {@code table}, {@code credential} or {@code storage host}. */
    public String kind() {
        return kind;
    }

    /** The name asked for. */
    public String name() {
        return name;
    }

    /**
     * The candidates: for a name that names nothing, the existing names closest to it, closest
     * first (at most three); for an inexact match, the names the platform matched; for an
     * ambiguous name, the things it names, each with its id.
     */
    public List<String> closestMatches() {
        return closestMatches;
    }
}
