package io.github.civis.catalog.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The naming rules shared by the importer and the generator: how documented names become Java
 * names. One place, so that the seed documentation, the catalog and the generated code agree.
 */
public final class Names {

    /** Java keywords and literals, plus names a generated member must not take. */
    private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
            "_",
            // members of the generated types' base classes and of Object
            "json", "has", "additionalProperties", "declaredProperties", "getClass", "hashCode", "equals",
            "toString", "notify", "notifyAll", "wait", "clone", "finalize", "build", "builder",
            "toBuilder");

    private Names() {
    }

    /**
     * Splits a name at underscores, dashes, spaces, dots, lower-to-upper case changes and the end
     * of an acronym ({@code provideAPIKey} → provide, API, Key).
     */
    public static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char previous = 0;
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            boolean separator = !Character.isLetterOrDigit(c);
            boolean acronymEnd = Character.isUpperCase(c) && Character.isUpperCase(previous) && i + 1 < chars.length
                    && Character.isLowerCase(chars[i + 1]);
            boolean boundary = acronymEnd
                    || Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous));
            if (separator || boundary) {
                if (current.length() > 0) {
                    words.add(current.toString());
                    current.setLength(0);
                }
            }
            if (!separator) {
                current.append(c);
            }
            previous = c;
        }
        if (current.length() > 0) {
            words.add(current.toString());
        }
        return words;
    }

    /** {@code list_shares} → {@code ListShares}. */
    public static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : words(name)) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** {@code list_shares} → {@code listShares}. */
    public static String lowerCamel(String name) {
        String pascal = pascal(name);
        return pascal.isEmpty() ? pascal : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    /** {@code remoteHostId} → {@code remote_host_id}. */
    public static String snake(String name) {
        return String.join("_", words(name)).toLowerCase(Locale.ROOT);
    }

    /** {@code list_shares} → {@code LIST_SHARES}. */
    public static String constant(String name) {
        return snake(name).toUpperCase(Locale.ROOT);
    }

    /**
     * A Java member name for a documented or wire name whose type is not known: as
     * {@link #member(String, String)} for a value that is not a boolean.
     */
    public static String member(String name) {
        return member(name, "");
    }

    /**
     * A Java member name for a documented or wire name: lowerCamel, with a leading underscore
     * before a digit. A name that would be a keyword or a member of the generated types' base
     * classes reads as a question when the value is a boolean ({@code public} → {@code isPublic})
     * and as a value otherwise ({@code default} → {@code defaultValue}); the wire name stays.
     * @param name the documented or wire name
     * @param type the value's catalog type notation, e.g. {@code boolean}
     * @return the Java name
     */
    public static String member(String name, String type) {
        String camel = lowerCamel(name);
        if (camel.isEmpty()) {
            return "_value";
        }
        if (Character.isDigit(camel.charAt(0))) {
            camel = "_" + camel;
        }
        if (!RESERVED.contains(camel)) {
            return camel;
        }
        return type.equals("boolean") ? "is" + pascal(name) : camel + "Value";
    }

    /**
     * The singular of an English plural as used in Civis routes ({@code credentials} →
     * {@code credential}, {@code policies} → {@code policy}); {@code exceptions} override the rule.
     */
    public static String singular(String word, Map<String, String> exceptions) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (exceptions.containsKey(lower)) {
            return exceptions.get(lower);
        }
        if (lower.endsWith("ies") && lower.length() > 3) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (lower.endsWith("sses") || lower.endsWith("xes") || lower.endsWith("ches") || lower.endsWith("shes")) {
            return word.substring(0, word.length() - 2);
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us") && !lower.endsWith("is")
                && lower.length() > 1) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
