package io.github.civis.client.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Describes one Civis API operation: where it lives, how its arguments travel and how its
 * response is shaped. Every generated API method has one; the transport, metrics and tooling
 * read it instead of the method itself.
 *
 * <p>The generated descriptors are written with {@link #builder(String, String)}, one named step
 * per line, so that a reader goes from an interface method to its descriptor and sees how the call
 * travels:
 * <pre>{@code
 * OperationDescriptor.builder("credentials", "list_shares")
 *     .javaMethod("CredentialsApi", "listShares")
 *     .route("GET", "/credentials/{id}/shares")
 *     .path("id")
 *     .build();
 * }</pre>
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

    /**
     * Starts a descriptor.
     * @param group the resource group, e.g. {@code credentials}
     * @param name the documented (snake_case) method name, e.g. {@code list_shares}
     * @return a builder; {@link Builder#javaMethod} and {@link Builder#route} must be called
     */
    public static Builder builder(String group, String name) {
        return new Builder(group, name);
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

    /**
     * Builds an {@link OperationDescriptor} one named value at a time. Parameters are added in
     * order: path parameters first (documented order), then query, then body.
     */
    public static final class Builder {

        private final String group;
        private final String name;
        private @Nullable String apiInterface;
        private @Nullable String javaName;
        private @Nullable String method;
        private @Nullable String route;
        private final List<ParameterDescriptor> parameters = new ArrayList<>();
        private boolean paginated;
        private int responseStatus = 200;
        private @Nullable String deprecation;

        private Builder(String group, String name) {
            this.group = Objects.requireNonNull(group, "group");
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * The generated method that calls this operation.
         * @param apiInterface simple name of the blocking interface, e.g. {@code CredentialsApi}
         * @param javaName the method name, e.g. {@code listShares}
         * @return this builder
         */
        public Builder javaMethod(String apiInterface, String javaName) {
            this.apiInterface = apiInterface;
            this.javaName = javaName;
            return this;
        }

        /**
         * Where the operation lives on the wire.
         * @param method the HTTP verb in upper case
         * @param route the route template with {@code {placeholders}}
         * @return this builder
         */
        public Builder route(String method, String route) {
            this.method = method;
            this.route = route;
            return this;
        }

        /**
         * Adds a path parameter whose Java name is its placeholder's name; path parameters are
         * always required.
         * @param name the Java name and the placeholder
         * @return this builder
         */
        public Builder path(String name) {
            return path(name, name);
        }

        /**
         * Adds a path parameter; path parameters are always required.
         * @param javaName the method argument's name
         * @param wireName the placeholder in the route
         * @return this builder
         */
        public Builder path(String javaName, String wireName) {
            return add(new ParameterDescriptor(javaName, wireName, ParameterDescriptor.Location.PATH, true, false));
        }

        /**
         * Adds an optional query parameter whose Java name is its wire name.
         * @param name the setter's name and the query key
         * @return this builder
         */
        public Builder query(String name) {
            return query(name, name);
        }

        /**
         * Adds an optional query parameter; {@link #required()} and {@link #array()} refine it.
         * @param javaName the setter's name
         * @param wireName the query key
         * @return this builder
         */
        public Builder query(String javaName, String wireName) {
            return add(new ParameterDescriptor(javaName, wireName, ParameterDescriptor.Location.QUERY, false, false));
        }

        /**
         * Adds an optional body property whose Java name is its JSON name.
         * @param name the setter's name and the JSON property
         * @return this builder
         */
        public Builder body(String name) {
            return body(name, name);
        }

        /**
         * Adds an optional body property; {@link #required()} and {@link #array()} refine it.
         * @param javaName the setter's name
         * @param wireName the JSON property
         * @return this builder
         */
        public Builder body(String javaName, String wireName) {
            return add(new ParameterDescriptor(javaName, wireName, ParameterDescriptor.Location.BODY, false, false));
        }

        /**
         * Marks the parameter added last as required by the API.
         * @return this builder
         */
        public Builder required() {
            ParameterDescriptor last = last("required()");
            return replaceLast(new ParameterDescriptor(last.javaName(), last.wireName(), last.location(), true,
                    last.array()));
        }

        /**
         * Marks the parameter added last as a list of values.
         * @return this builder
         */
        public Builder array() {
            ParameterDescriptor last = last("array()");
            return replaceLast(new ParameterDescriptor(last.javaName(), last.wireName(), last.location(),
                    last.required(), true));
        }

        /**
         * Marks the operation as a paginated list ({@code limit} and {@code page_num}).
         * @return this builder
         */
        public Builder paginated() {
            this.paginated = true;
            return this;
        }

        /**
         * The documented success status, when it is not {@code 200}.
         * @param responseStatus the status
         * @return this builder
         */
        public Builder responseStatus(int responseStatus) {
            this.responseStatus = responseStatus;
            return this;
        }

        /**
         * Marks the operation as deprecated by the API.
         * @param deprecation the API's notice
         * @return this builder
         */
        public Builder deprecation(String deprecation) {
            this.deprecation = deprecation;
            return this;
        }

        /**
         * @return the descriptor
         * @throws IllegalStateException when the Java method or the route is missing
         */
        public OperationDescriptor build() {
            if (apiInterface == null || javaName == null) {
                throw new IllegalStateException(group + "." + name + ": javaMethod(...) is not set");
            }
            if (method == null || route == null) {
                throw new IllegalStateException(group + "." + name + ": route(...) is not set");
            }
            return new OperationDescriptor(group, name, javaName, apiInterface, method, route, parameters, paginated,
                    responseStatus, deprecation);
        }

        private Builder add(ParameterDescriptor parameter) {
            parameters.add(parameter);
            return this;
        }

        private ParameterDescriptor last(String step) {
            if (parameters.isEmpty()) {
                throw new IllegalStateException(group + "." + name + ": " + step + " refines the parameter added "
                        + "before it, and there is none");
            }
            return parameters.get(parameters.size() - 1);
        }

        private Builder replaceLast(ParameterDescriptor parameter) {
            parameters.set(parameters.size() - 1, parameter);
            return this;
        }
    }
}
