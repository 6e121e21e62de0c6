package io.github.civis.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One operation of the API.
 *
 * @param group the group's documented name
 * @param name the documented (snake_case) method name, e.g. {@code list_shares}
 * @param javaName the Java method name, e.g. {@code listShares}
 * @param getName the honest {@code get…} Java name of a {@code list…} operation that returns one object
 * @param verb HTTP verb, upper case
 * @param route route template, e.g. {@code /credentials/{id}/shares}
 * @param summary one-line summary
 * @param deprecation deprecation notice, or {@code null}
 * @param unlisted the date of the first imported document that no longer lists this operation (it
 *        stays, deprecated, so that no name moves), or {@code null} when the imported document lists it
 * @param paginated whether the list takes {@code limit} and {@code page_num}
 * @param parameters path parameters in route order, then query, then body
 * @param requestType name of the generated request type holding query and body parameters,
 *        or {@code null} when the operation takes only path parameters
 * @param responseStatus the documented success status
 * @param responseType type of the response body (see {@link TypeRef}), or {@code null} when none
 */
@JsonPropertyOrder({ "group", "name", "javaName", "getName", "verb", "route", "summary", "deprecation", "unlisted", "paginated",
        "parameters", "requestType", "responseStatus", "responseType" })
public record CatalogOperation(String group, String name, String javaName, @Nullable String getName, String verb,
        String route, String summary, @Nullable String deprecation, @Nullable String unlisted, boolean paginated, List<CatalogParameter> parameters,
        @Nullable String requestType, int responseStatus, @Nullable String responseType) {

    /** Parameters travelling in that location ({@code path}, {@code query}, {@code body}). */
    public List<CatalogParameter> parameters(String location) {
        return parameters.stream().filter(p -> p.in().equals(location)).toList();
    }
}
