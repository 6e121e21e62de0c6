package io.github.civis.conformance;

import io.github.civis.catalog.naming.Names;

/**
 * How the runner compares parameter and property names.
 *
 * <p>The recordings come from the Civis API's own test suite, which sends many request bodies
 * with snake_case keys ({@code remote_host_type}); the client sends the documented camelCase
 * wire names ({@code remoteHostType}). The Civis API accepts both spellings, so the two are the
 * same parameter: names are compared in one normal form, the snake_case form of their words.
 * The brackets of an array query key ({@code name[]}) are not a spelling: the API reads
 * {@code state[]=a} as an array and {@code state=a} as a single value, so query keys keep them
 * ({@link #queryKey}).
 */
final class WireNames {

    private WireNames() {
    }

    /**
     * The normal form of a name: {@code remoteHostId}, {@code remote_host_id} and
     * {@code remote_host_id[]} all give {@code remote_host_id}.
     * @param name a wire name, a recorded key or a route placeholder
     * @return the normal form
     */
    static String normal(String name) {
        String bare = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        return Names.snake(bare);
    }

    /**
     * The normal form of a query key, keeping its array brackets: {@code remoteHostId} and
     * {@code remote_host_id} give {@code remote_host_id}, {@code state[]} gives {@code state[]}.
     * @param key a recorded or received query key
     * @return the normal form
     */
    static String queryKey(String key) {
        return normal(key) + (key.endsWith("[]") ? "[]" : "");
    }

    /**
     * Whether two names denote the same parameter.
     * @param left one name
     * @param right another name
     * @return whether their normal forms are equal
     */
    static boolean same(String left, String right) {
        return normal(left).equals(normal(right));
    }

    /**
     * The name of the builder setter for a wire name, by the generator's own rule.
     * @param wireName a declared wire name
     * @return the Java member name, e.g. {@code defaultValue} for a {@code default} that is not a boolean
     */
    static String member(String wireName) {
        return Names.member(wireName);
    }
}
