package io.github.civis.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A resource group, e.g. {@code credentials}, and its operations.
 *
 * @param name the documented name (snake_case)
 * @param javaName the PascalCase stem of the interfaces, e.g. {@code Credentials} for {@code CredentialsApi}
 * @param operations the operations, sorted by route then verb
 */
@JsonPropertyOrder({ "name", "javaName", "operations" })
public record CatalogGroup(String name, String javaName, List<CatalogOperation> operations) {
}
