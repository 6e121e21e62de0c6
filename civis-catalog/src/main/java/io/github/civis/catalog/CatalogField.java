package io.github.civis.catalog;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A property of a named type.
 *
 * @param javaName the Java accessor or setter name
 * @param wireName the JSON name
 * @param type the value's type (see {@link TypeRef})
 * @param required whether the API requires it (inputs)
 * @param description the documentation, or {@code null}
 * @param deprecation why the property is deprecated (an imported document no longer lists it), or
 *        {@code null}
 */
@JsonPropertyOrder({ "javaName", "wireName", "type", "required", "description", "deprecation" })
public record CatalogField(String javaName, String wireName, String type, boolean required,
        @Nullable String description, @Nullable String deprecation) {
}
