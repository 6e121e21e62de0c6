package io.github.civis.client.transport;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The values of one call: path values, query values by wire name, and the JSON body (only the
 * properties the caller set; {@code null} when the operation takes no body).
 *
 * @param pathValues values of {@link OperationDescriptor#pathParameters()}, in that order (the
 *        documented argument order, which can differ from the order of the route's placeholders:
 *        expand the route by name)
 * @param query query values by wire name; array parameters already carry the {@code []} suffix
 * @param body the JSON request body, or {@code null}
 */
public record CallArguments(List<Object> pathValues, Map<String, List<String>> query, @Nullable ObjectNode body) {

    private static final CallArguments NONE = new CallArguments(List.of(), Map.of(), null);

    /** Arguments of a call that takes nothing. */
    public static CallArguments none() {
        return NONE;
    }

    /**
     * The arguments of a generated method, checked against the operation: every path value
     * present, every required query or body parameter set. Nothing is sent when a check fails.
     * @param operation the operation called
     * @param pathValues values of the operation's path parameters, in their documented order
     * @param request the request built by the caller, or {@code null} when the method takes none
     * @return the arguments
     * @throws io.github.civis.client.error.CivisValidationException naming the method and the
     *         missing parameter
     */
    public static CallArguments of(OperationDescriptor operation, List<Object> pathValues,
            io.github.civis.client.request.@Nullable CivisRequest request) {
        Map<String, List<String>> query = (request != null) ? request.query() : Map.of();
        ObjectNode body = (request != null) ? request.body() : null;
        int pathIndex = 0;
        for (ParameterDescriptor parameter : operation.parameters()) {
            if (parameter.location() == ParameterDescriptor.Location.PATH) {
                // path values come in the order of the path parameters
                Object value = (pathIndex < pathValues.size()) ? pathValues.get(pathIndex) : null;
                pathIndex++;
                if (value == null || (!(value instanceof Number) && value.toString().isBlank())) {
                    throw missing(operation, parameter);
                }
                continue;
            }
            if (!parameter.required()) {
                continue;
            }
            boolean present = switch (parameter.location()) {
                case PATH -> true;
                case QUERY -> query.containsKey(parameter.array() ? parameter.wireName() + "[]" : parameter.wireName());
                // required means present and not null
                case BODY -> body != null && body.has(parameter.wireName()) && !body.get(parameter.wireName()).isNull();
            };
            if (!present) {
                throw missing(operation, parameter);
            }
        }
        return new CallArguments(List.copyOf(pathValues), query, body);
    }

    private static io.github.civis.client.error.CivisValidationException missing(OperationDescriptor operation,
            ParameterDescriptor parameter) {
        return new io.github.civis.client.error.CivisValidationException(operation.apiInterface() + "."
                + operation.javaName() + " (" + operation.method() + " " + operation.route() + "): required "
                + parameter.location().name().toLowerCase(java.util.Locale.ROOT) + " parameter '"
                + parameter.javaName() + "' is not set" + ((parameter.location() == ParameterDescriptor.Location.BODY)
                        ? " (or set to null)" : ""));
    }

    /** The values, with the values of secrets (see {@link io.github.civis.client.json.SecretValues}) masked. */
    @Override
    public String toString() {
        return "CallArguments[pathValues=" + pathValues + ", query="
                + io.github.civis.client.json.SecretValues.printable(query) + ", body="
                + ((body != null) ? io.github.civis.client.json.SecretValues.printable(body) : null) + "]";
    }

    /** Arguments of a call that takes only path values. */
    public static CallArguments path(Object... pathValues) {
        return new CallArguments(List.of(pathValues), Map.of(), null);
    }

    /** The same call with one query value replaced, used to walk the pages of a list. */
    public CallArguments withQuery(String wireName, String value) {
        var copy = new java.util.LinkedHashMap<>(query);
        copy.put(wireName, List.of(value));
        return new CallArguments(pathValues, copy, body);
    }
}
