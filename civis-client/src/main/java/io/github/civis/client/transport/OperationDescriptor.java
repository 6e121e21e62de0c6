package io.github.civis.client.transport;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Describes one Civis API operation: where it lives, how its arguments travel and how its
 * response is shaped. Every generated API method has one; the transport, metrics and tooling
 * read it instead of the method itself.
 *
 * @param group the resource group as the Civis documentation names it, e.g. {@code credentials}
 * @param name the documented (snake_case) method name, e.g. {@code list_shares}
 * @param javaName the Java method name, e.g. {@code listShares}
 * @param apiInterface simple name of the blocking interface, e.g. {@code CredentialsApi}
 * @param method the HTTP verb in upper case
 * @param route the route template with {@code {placeholders}}, e.g. {@code /credentials/{id}/shares}
 * @param parameters every parameter: path parameters first (documented order), then query, then body
 * @param paginated whether the operation is a paginated list ({@code limit} and {@code page_num})
 * @param responseStatus the documented success status
 * @param deprecation deprecation notice of the API, or {@code null}
 */
public record OperationDescriptor(String group, String name, String javaName, String apiInterface, String method,
        String route, List<ParameterDescriptor> parameters, boolean paginated, int responseStatus,
        @Nullable String deprecation) {

    public OperationDescriptor {
        parameters = List.copyOf(parameters);
    }

    /** The path parameters, in documented order (which may differ from the route's). */
    public List<ParameterDescriptor> pathParameters() {
        return parameters.stream().filter(p -> p.location() == ParameterDescriptor.Location.PATH).toList();
    }

    /** A short human name, e.g. {@code credentials.list_shares (GET /credentials/{id}/shares)}. */
    public String displayName() {
        return group + "." + name + " (" + method + " " + route + ")";
    }

    @Override
    public String toString() {
        return displayName();
    }
}
