package io.github.civis.client.lookup;

import java.util.List;

import io.github.civis.client.error.CivisException;

/**
 * A name that names nothing: no database, table, credential or storage host of that name. The
 * message lists the closest names that do exist ({@link #closestMatches()}).
 */
public class CivisLookupException extends CivisException {

    private static final long serialVersionUID = 1L;

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
        super("No " + kind + " named '" + name + "'" + where
                + (closestMatches.isEmpty() ? "" : "; did you mean " + String.join(", ", closestMatches.stream()
                    .map(m -> "'" + m + "'").toList()) + "?"));
        this.kind = kind;
        this.name = name;
        this.closestMatches = List.copyOf(closestMatches);
    }

    /** What was looked up: {@code database}, {@code table}, {@code credential} or {@code storage host}. */
    public String kind() {
        return kind;
    }

    /** The name asked for. */
    public String name() {
        return name;
    }

    /** The existing names closest to the one asked for, closest first (at most three). */
    public List<String> closestMatches() {
        return closestMatches;
    }
}
