package io.github.civis.catalog;

import java.util.Set;

/**
 * The catalog's notation for value types: a scalar ({@code integer}, {@code number},
 * {@code string}, {@code boolean}, {@code date-time}, {@code date}), {@code any} (JSON of any
 * shape), {@code list<T>}, {@code map<T>} (an object with arbitrary keys), or the name of a
 * catalog type (starting with an upper-case letter).
 *
 * @param kind {@code scalar}, {@code any}, {@code list}, {@code map} or {@code named}
 * @param name the scalar or type name; for {@code list} and {@code map} the element notation
 */
public record TypeRef(String kind, String name) {

    /** The scalar names. */
    public static final Set<String> SCALARS = Set.of("integer", "number", "string", "boolean", "date-time", "date");

    /** Parses a type notation. */
    public static TypeRef parse(String notation) {
        if (notation.startsWith("list<") && notation.endsWith(">")) {
            return new TypeRef("list", notation.substring(5, notation.length() - 1));
        }
        if (notation.startsWith("map<") && notation.endsWith(">")) {
            return new TypeRef("map", notation.substring(4, notation.length() - 1));
        }
        if (notation.equals("any")) {
            return new TypeRef("any", notation);
        }
        if (SCALARS.contains(notation)) {
            return new TypeRef("scalar", notation);
        }
        if (!notation.isEmpty() && Character.isUpperCase(notation.charAt(0))) {
            return new TypeRef("named", notation);
        }
        throw new IllegalArgumentException("Unknown type notation '" + notation + "'");
    }

    /** The element of a list or map. */
    public TypeRef element() {
        if (!kind.equals("list") && !kind.equals("map")) {
            throw new IllegalStateException(this + " has no element");
        }
        return parse(name);
    }

    /** Whether this is a list. */
    public boolean isList() {
        return kind.equals("list");
    }

    /** Whether this names a catalog type. */
    public boolean isNamed() {
        return kind.equals("named");
    }
}
