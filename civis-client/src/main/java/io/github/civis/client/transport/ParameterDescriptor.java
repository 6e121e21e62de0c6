package io.github.civis.client.transport;

/**
 * One parameter of an operation.
 *
 * @param javaName the Java name (setter or method argument)
 * @param wireName the name on the wire: a path placeholder, a query key or a JSON property
 * @param location where the value travels
 * @param required whether the API requires it
 * @param array whether the value is a list (query arrays travel as {@code name[]=a&name[]=b})
 */
public record ParameterDescriptor(String javaName, String wireName, Location location, boolean required,
        boolean array) {

    /** Where a parameter's value travels. */
    public enum Location {
        /** In the URL path, replacing a {@code {placeholder}}. */
        PATH,
        /** In the query string. */
        QUERY,
        /** As a property of the JSON request body. */
        BODY
    }
}
