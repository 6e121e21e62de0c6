package io.github.civis.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A named object type.
 *
 * @param name the Java simple name
 * @param role {@code response} for types the API returns, {@code input} for nested objects of request bodies
 * @param description the documentation, or {@code null}
 * @param fields the properties, in document order
 */
@JsonPropertyOrder({ "name", "role", "description", "fields" })
public record CatalogType(String name, String role, @Nullable String description, List<CatalogField> fields) {

    /** Role of types the API returns. */
    public static final String RESPONSE = "response";

    /** Role of nested objects in request bodies. */
    public static final String INPUT = "input";
}
