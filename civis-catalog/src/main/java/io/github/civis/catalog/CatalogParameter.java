package io.github.civis.catalog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A parameter of an operation.
 *
 * @param name the documented (snake_case) name
 * @param javaName the Java name
 * @param wireName the name on the wire (camelCase for query and body)
 * @param in {@code path}, {@code query} or {@code body}
 * @param type the value's type (see {@link TypeRef})
 * @param required whether the API requires it
 * @param description the documentation, or {@code null}
 * @param deprecation why the parameter is deprecated (an imported document no longer lists it), or
 *        {@code null}
 */
@JsonPropertyOrder({ "name", "javaName", "wireName", "in", "type", "required", "description", "deprecation" })
public record CatalogParameter(String name, String javaName, String wireName, String in, String type, boolean required,
        @Nullable String description, @Nullable String deprecation) {
}
