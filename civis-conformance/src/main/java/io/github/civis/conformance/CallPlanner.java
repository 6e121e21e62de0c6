package io.github.civis.conformance;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.civis.client.api.CivisApiGroups;
import io.github.civis.client.api.CivisOperations;
import io.github.civis.client.error.CivisValidationException;
import io.github.civis.client.json.CivisInput;
import io.github.civis.client.json.JsonValues;
import io.github.civis.client.request.CivisRequest;
import io.github.civis.client.transport.OperationDescriptor;
import io.github.civis.client.transport.ParameterDescriptor;

/**
 * Turns a recording into a call of the typed client: finds the one generated method of the
 * recorded operation and builds its arguments from the recorded request, through the same
 * typed setters a user would call.
 *
 * <p>Rules, all facts of the Civis API rather than of particular recordings:
 * <ul>
 * <li>Keys are matched to parameters by {@link WireNames normal form}: the API accepts snake_case
 *     and camelCase alike, and the recordings use both. The array brackets of a query key are
 *     not a spelling: {@code state[]=a} must be sent as {@code state[]=a}.</li>
 * <li>A path value goes to the method argument of its placeholder's name, whatever the order
 *     of the arguments (the documented order and the route's can differ).</li>
 * <li>A recording no call of the method can send (a non-integer where the method takes a
 *     {@code long} id, a single value of an array parameter) is {@link InexpressibleRecording
 *     skipped}, not failed.</li>
 * <li>A query or body key named like a placeholder of the route ({@code id} on
 *     {@code /jobs/{id}/children}) is not a parameter: the Civis API is a Rails application,
 *     which merges path, query and body values into one set of params, so its test suite often
 *     sends the path value again (sometimes a different or an unrelated value). The path value
 *     is what addresses the resource: such a key is not sent and not expected.</li>
 * <li>A path segment that is the route's own Rails placeholder ({@code :sync_id}, sent
 *     unfilled) carries no value; the server takes that parameter from the merged params, i.e.
 *     from the query or body key of the same name, and so does the runner: the call addresses
 *     the resource that key names.</li>
 * <li>A value is set through the typed setter when converting it to the setter's type is
 *     lossless, i.e. the client then sends exactly the recorded value; otherwise (the document
 *     declares the wrong type) it is set as raw JSON with the builder's {@code json(wire, value)},
 *     which only accepts declared names. Nested objects are built with their own builders, the
 *     same way, and sent raw only when they do not fit.</li>
 * </ul>
 */
final class CallPlanner {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Marks a value that cannot be converted to a setter's type. */
    private static final Object NO = new Object();

    private final CivisApiGroups client;
    private final Map<String, Object> apis = new ConcurrentHashMap<>();

    /**
     * @param client the client whose generated methods are called
     */
    CallPlanner(CivisApiGroups client) {
        this.client = client;
    }

    /**
     * A call ready to make, and the request the server must receive for it.
     *
     * @param operation the operation's descriptor
     * @param target the group API the method is called on
     * @param method the generated method
     * @param arguments its arguments
     * @param expected what the server must receive
     * @param rawValues parameters that had to be sent as raw JSON, e.g.
     *        {@code TemplatesPatchScriptsRequest.archived: declared String, recorded true}
     */
    record PlannedCall(OperationDescriptor operation, Object target, Method method, Object[] arguments,
            ExpectedRequest expected, List<String> rawValues) {
    }

    /**
     * Plans the call of a recording.
     * @param recording the recording
     * @return the call
     * @throws ConformanceFailure when the client has no method for the operation or the
     *         method cannot express the recorded request
     * @throws InexpressibleRecording when no call of the typed API can send the recorded request
     */
    PlannedCall plan(Recording recording) {
        if (!recording.method().equals(recording.verb())) {
            throw new ConformanceFailure("the recorded request method " + recording.method()
                    + " is not the operation's verb " + recording.verb());
        }
        OperationDescriptor operation = operation(recording.verb(), recording.route());
        Object target = api(operation);
        Method method = method(target.getClass(), operation);
        List<String> rawValues = new ArrayList<>();

        List<String> template = segments(operation.route());
        List<String> concrete = segments(recording.path()).stream().map(CallPlanner::decodePathSegment).toList();
        if (template.size() != concrete.size()) {
            throw new ConformanceFailure("the recorded path " + recording.path() + " does not match the route "
                    + operation.route());
        }
        // Keys named like a placeholder are path-merging artefacts, unless the operation itself
        // declares a query or body parameter of that name (none does today; this keeps it safe).
        Set<String> placeholders = new HashSet<>();
        for (String segment : template) {
            if (isPlaceholder(segment)) {
                placeholders.add(WireNames.normal(placeholderName(segment)));
            }
        }
        for (ParameterDescriptor parameter : operation.parameters()) {
            if (parameter.location() != ParameterDescriptor.Location.PATH) {
                placeholders.remove(WireNames.normal(parameter.wireName()));
            }
        }

        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        List<String> expectedSegments = new ArrayList<>();
        // The method takes the path values first, in the operation's documented order, then its request.
        int position = operation.pathParameters().size();
        for (int i = 0; i < template.size(); i++) {
            String segment = template.get(i);
            String value = concrete.get(i);
            if (!isPlaceholder(segment)) {
                if (!segment.equals(value)) {
                    throw new ConformanceFailure("the recorded path " + recording.path() + " does not match the route "
                            + operation.route());
                }
                expectedSegments.add(value);
                continue;
            }
            String name = placeholderName(segment);
            if (value.equals(":" + name)) {
                value = mergedValue(recording, name);
            }
            int argument = pathArgument(operation, name);
            arguments[argument] = pathValue(types[argument], name, value);
            expectedSegments.add(String.valueOf(arguments[argument]));
        }

        Map<String, List<String>> expectedQuery = new LinkedHashMap<>();
        ObjectNode expectedBody = NODES.objectNode();
        Class<?> requestType = (position < types.length) ? types[position] : null;
        Object builder = (requestType != null) ? invokeStatic(requestType, "builder") : null;
        for (Map.Entry<String, List<String>> entry : recording.query().entrySet()) {
            String key = entry.getKey();
            if (placeholders.contains(WireNames.normal(key))) {
                continue;
            }
            ParameterDescriptor parameter = parameter(operation, key, ParameterDescriptor.Location.QUERY, "query parameter");
            if (builder == null) {
                throw new ConformanceFailure(describe(operation) + " takes no query parameters; the recording sends '"
                        + key + "'");
            }
            if (parameter.array() && !key.endsWith("[]")) {
                throw new InexpressibleRecording("the recording sends array parameter '" + key + "' without [], but "
                        + describe(operation) + " always sends " + parameter.wireName() + "[]=…");
            }
            JsonNode value;
            if (parameter.array()) {
                ArrayNode array = NODES.arrayNode();
                entry.getValue().forEach(array::add);
                value = array;
            }
            else if (entry.getValue().size() == 1) {
                value = NODES.stringNode(entry.getValue().get(0));
            }
            else {
                throw new ConformanceFailure("query parameter '" + key + "' is repeated but " + describe(operation)
                        + " takes a single value");
            }
            set(builder, parameter.javaName(), parameter.wireName(), value, true, requestType.getSimpleName(), rawValues);
            expectedQuery.put(WireNames.queryKey(key), List.copyOf(entry.getValue()));
        }
        JsonNode body = recording.body();
        if (!body.isNull() && !body.isObject()) {
            throw new ConformanceFailure("the recorded request body is not a JSON object: " + JsonComparison.excerpt(body));
        }
        if (body.isObject()) {
            for (Map.Entry<String, JsonNode> entry : body.properties()) {
                String key = entry.getKey();
                if (placeholders.contains(WireNames.normal(key))) {
                    continue;
                }
                ParameterDescriptor parameter = parameter(operation, key, ParameterDescriptor.Location.BODY, "body property");
                if (builder == null) {
                    throw new ConformanceFailure(describe(operation) + " takes no request body; the recording sends '"
                            + key + "'");
                }
                set(builder, parameter.javaName(), parameter.wireName(), entry.getValue(), false,
                        requestType.getSimpleName(), rawValues);
                expectedBody.set(WireNames.normal(key), JsonComparison.normalizeKeys(entry.getValue()));
            }
        }
        if (builder != null) {
            arguments[position] = invoke(builder, "build");
        }
        ExpectedRequest expected = new ExpectedRequest(recording.method(), expectedSegments, expectedQuery,
                expectedBody.isEmpty() ? null : expectedBody, placeholders);
        return new PlannedCall(operation, target, method, arguments, expected, rawValues);
    }

    /** The one operation with this verb and route; routes compare without a trailing slash. */
    private static OperationDescriptor operation(String verb, String route) {
        String wanted = stripSlash(route);
        List<OperationDescriptor> matches = CivisOperations.ALL.stream()
            .filter(op -> op.method().equalsIgnoreCase(verb) && stripSlash(op.route()).equals(wanted))
            .toList();
        if (matches.isEmpty()) {
            throw new ConformanceFailure("the client has no method for " + verb + " " + route);
        }
        if (matches.size() > 1) {
            throw new ConformanceFailure("the client has " + matches.size() + " methods for " + verb + " " + route
                    + ": " + matches);
        }
        return matches.get(0);
    }

    /** The blocking group API of the client that holds the operation. */
    private Object api(OperationDescriptor operation) {
        return apis.computeIfAbsent(operation.apiInterface(), name -> {
            for (Method accessor : CivisApiGroups.class.getMethods()) {
                if (accessor.getParameterCount() == 0 && accessor.getReturnType().isInterface()
                        && accessor.getReturnType().getSimpleName().equals(name)) {
                    return invoke(client, accessor);
                }
            }
            throw new ConformanceFailure("the client has no " + name + " for " + operation.displayName());
        });
    }

    /** The interfaces a class implements, with the interfaces those extend. */
    private static java.util.Set<Class<?>> allInterfaces(Class<?> type) {
        java.util.Set<Class<?>> found = new java.util.LinkedHashSet<>();
        java.util.Deque<Class<?>> pending = new java.util.ArrayDeque<>(Arrays.asList(type.getInterfaces()));
        while (!pending.isEmpty()) {
            Class<?> next = pending.pop();
            if (found.add(next)) {
                pending.addAll(Arrays.asList(next.getInterfaces()));
            }
        }
        return found;
    }

    /**
     * The generated method of an operation: {@code javaName} on the group interface, taking the
     * path values and, when the operation has query or body parameters, its request object.
     */
    private static Method method(Class<?> implementation, OperationDescriptor operation) {
        // Directly or through an interface that extends the group's.
        Class<?> api = allInterfaces(implementation).stream()
            .filter(type -> type.getSimpleName().equals(operation.apiInterface()))
            .findFirst()
            .orElseThrow(() -> new ConformanceFailure("the client's " + implementation.getSimpleName()
                    + " does not implement " + operation.apiInterface()));
        int pathCount = operation.pathParameters().size();
        Method withRequest = null;
        Method pathOnly = null;
        for (Method candidate : api.getMethods()) {
            if (!candidate.getName().equals(operation.javaName())) {
                continue;
            }
            Class<?>[] types = candidate.getParameterTypes();
            if (types.length == pathCount + 1 && CivisRequest.class.isAssignableFrom(types[pathCount])) {
                withRequest = candidate;
            }
            else if (types.length == pathCount && Arrays.stream(types).noneMatch(Consumer.class::equals)) {
                pathOnly = candidate;
            }
        }
        Method method = (withRequest != null) ? withRequest : pathOnly;
        if (method == null) {
            throw new ConformanceFailure(operation.apiInterface() + " has no method " + operation.javaName()
                    + " taking the " + pathCount + " path values of " + operation.method() + " " + operation.route());
        }
        return method;
    }

    private static ParameterDescriptor parameter(OperationDescriptor operation, String key,
            ParameterDescriptor.Location location, String kind) {
        ParameterDescriptor elsewhere = null;
        for (ParameterDescriptor parameter : operation.parameters()) {
            if (WireNames.same(parameter.wireName(), key)) {
                if (parameter.location() == location) {
                    return parameter;
                }
                elsewhere = parameter;
            }
        }
        if (elsewhere != null) {
            throw new ConformanceFailure("the recording sends " + kind + " '" + key + "' but " + describe(operation)
                    + " takes '" + elsewhere.wireName() + "' in the "
                    + elsewhere.location().name().toLowerCase(Locale.ROOT));
        }
        throw new ConformanceFailure(describe(operation) + " takes no " + kind + " '" + key + "'");
    }

    private static String describe(OperationDescriptor operation) {
        return operation.apiInterface() + "." + operation.javaName();
    }

    /** The value of a placeholder the recording left unfilled: the merged query or body value of that name. */
    private static String mergedValue(Recording recording, String placeholder) {
        for (Map.Entry<String, List<String>> entry : recording.query().entrySet()) {
            if (WireNames.same(entry.getKey(), placeholder) && entry.getValue().size() == 1) {
                return entry.getValue().get(0);
            }
        }
        if (recording.body().isObject()) {
            for (Map.Entry<String, JsonNode> entry : recording.body().properties()) {
                if (WireNames.same(entry.getKey(), placeholder) && entry.getValue().isValueNode()) {
                    return entry.getValue().isString() ? entry.getValue().stringValue() : entry.getValue().toString();
                }
            }
        }
        throw new ConformanceFailure("the recorded path leaves {" + placeholder + "} unfilled (':" + placeholder
                + "') and no query or body value of that name gives it");
    }

    /** The position of the method argument that takes a placeholder's value: by name, never by route order. */
    private static int pathArgument(OperationDescriptor operation, String placeholder) {
        List<ParameterDescriptor> path = operation.pathParameters();
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).wireName().equals(placeholder)) {
                return i;
            }
        }
        for (int i = 0; i < path.size(); i++) {
            if (WireNames.same(path.get(i).wireName(), placeholder)) {
                return i;
            }
        }
        throw new ConformanceFailure(describe(operation) + " takes no path value for {" + placeholder + "}");
    }

    private static Object pathValue(Class<?> type, String name, String value) {
        if (type == long.class || type == Long.class) {
            try {
                long number = Long.parseLong(value);
                if (Long.toString(number).equals(value)) {
                    return number;
                }
            }
            catch (NumberFormatException ex) {
                // reported below
            }
            throw new InexpressibleRecording("path value '" + value + "' of {" + name + "} is not an integer, but the"
                    + " method takes a long");
        }
        if (type == String.class) {
            return value;
        }
        throw new ConformanceFailure("path parameter {" + name + "} has unsupported type " + type.getSimpleName());
    }

    /**
     * Sets one parameter or property on a builder: through a typed setter when the value
     * converts losslessly, else as raw JSON (declared names only).
     */
    private void set(Object builder, String javaName, String wireName, JsonNode value, boolean query, String owner,
            List<String> rawValues) {
        List<Method> setters = Arrays.stream(builder.getClass().getMethods())
            .filter(m -> m.getName().equals(javaName) && m.getParameterCount() == 1
                    && !Modifier.isStatic(m.getModifiers()))
            .sorted(Comparator.comparing((Method m) -> m.getParameterTypes()[0].isPrimitive())
                .thenComparing(m -> m.getGenericParameterTypes()[0].getTypeName()))
            .toList();
        for (Method setter : setters) {
            Object converted = convert(value, setter.getGenericParameterTypes()[0], query, rawValues);
            if (converted != NO && sendsSame(converted, value, query)) {
                invoke(builder, setter, converted);
                return;
            }
        }
        String declared = setters.isEmpty() ? "no setter " + javaName
                : setters.get(setters.size() - 1).getGenericParameterTypes()[0].getTypeName()
                    .replaceAll("[\\w.]+\\.(\\w+)", "$1");
        rawValues.add(owner + "." + wireName + ": declared " + declared + ", recorded " + JsonComparison.excerpt(value));
        invoke(builder, jsonSetter(builder), wireName, value);
    }

    private static Method jsonSetter(Object builder) {
        try {
            return builder.getClass().getMethod("json", String.class, JsonNode.class);
        }
        catch (NoSuchMethodException ex) {
            throw new ConformanceFailure(builder.getClass().getName() + " has no json(wireName, value) setter");
        }
    }

    /** Whether a converted value is sent exactly as recorded. */
    private static boolean sendsSame(@Nullable Object converted, JsonNode value, boolean query) {
        if (query) {
            if (value.isArray()) {
                if (!(converted instanceof Collection<?> list) || list.size() != value.size()) {
                    return false;
                }
                int i = 0;
                for (Object each : list) {
                    if (each == null || !JsonValues.toQueryText(each).equals(value.get(i++).stringValue())) {
                        return false;
                    }
                }
                return true;
            }
            return converted != null && JsonValues.toQueryText(converted).equals(value.stringValue());
        }
        return JsonComparison.difference(JsonComparison.normalizeKeys(value),
                JsonComparison.normalizeKeys(JsonValues.toJson(converted)), false) == null;
    }

    /** Converts a recorded value to a setter's parameter type, or {@link #NO}. */
    private Object convert(JsonNode value, Type type, boolean query, List<String> rawValues) {
        Class<?> raw = rawClass(type);
        if (value.isNull()) {
            return raw.isPrimitive() ? NO : null;
        }
        if (raw == long.class || raw == Long.class) {
            if (value.isString()) {
                try {
                    return Long.parseLong(value.stringValue().trim());
                }
                catch (NumberFormatException ex) {
                    return NO;
                }
            }
            if (value.isNumber()) {
                BigDecimal decimal = value.decimalValue();
                try {
                    return decimal.stripTrailingZeros().scale() <= 0 ? decimal.longValueExact() : NO;
                }
                catch (ArithmeticException ex) {
                    return NO;
                }
            }
            return NO;
        }
        if (raw == double.class || raw == Double.class) {
            if (value.isNumber()) {
                return value.doubleValue();
            }
            if (value.isString()) {
                try {
                    return Double.parseDouble(value.stringValue().trim());
                }
                catch (NumberFormatException ex) {
                    return NO;
                }
            }
            return NO;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isString() && (value.stringValue().equals("true") || value.stringValue().equals("false"))) {
                return Boolean.parseBoolean(value.stringValue());
            }
            return NO;
        }
        if (raw == String.class) {
            return value.isString() ? value.stringValue() : NO;
        }
        if (raw == JsonNode.class) {
            return value;
        }
        if (List.class.isAssignableFrom(raw) && value.isArray()) {
            Type element = typeArgument(type, 0);
            List<Object> list = new ArrayList<>();
            for (JsonNode each : value) {
                Object converted = convert(each, element, query, rawValues);
                if (converted == NO) {
                    return NO;
                }
                list.add(converted);
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw) && value.isObject() && !query) {
            Type element = typeArgument(type, 1);
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                Object converted = convert(entry.getValue(), element, false, rawValues);
                if (converted == NO) {
                    return NO;
                }
                map.put(entry.getKey(), converted);
            }
            return map;
        }
        if (CivisInput.class.isAssignableFrom(raw) && value.isObject() && !query) {
            return input(raw, value, rawValues);
        }
        return NO;
    }

    /**
     * Builds a nested input through its own builder, recursively; {@link #NO} when the recorded
     * object has a key the type does not declare or lacks one it requires (the parent then
     * sends the object as raw JSON).
     */
    private Object input(Class<?> type, JsonNode value, List<String> rawValues) {
        Set<String> properties = properties(type);
        if (properties == null) {
            return NO;
        }
        Object builder = invokeStatic(type, "builder");
        List<String> nested = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String wire = properties.stream().filter(p -> WireNames.same(p, entry.getKey())).findFirst().orElse(null);
            if (wire == null) {
                return NO;
            }
            set(builder, WireNames.member(wire), wire, entry.getValue(), false, type.getSimpleName(), nested);
        }
        try {
            Object built = builder.getClass().getMethod("build").invoke(builder);
            rawValues.addAll(nested);
            return built;
        }
        catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof CivisValidationException) {
                return NO;
            }
            throw new ConformanceFailure("building " + type.getSimpleName() + " failed: " + ex.getCause());
        }
        catch (ReflectiveOperationException ex) {
            return NO;
        }
    }

    /** The wire names a generated input type declares (its {@code PROPERTIES}). */
    @SuppressWarnings("unchecked")
    private static @Nullable Set<String> properties(Class<?> type) {
        try {
            Field field = type.getDeclaredField("PROPERTIES");
            field.setAccessible(true);
            return (Set<String>) field.get(null);
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            return null;
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return JsonNode.class;
    }

    private static Object invokeStatic(Class<?> type, String name) {
        try {
            return type.getMethod(name).invoke(null);
        }
        catch (ReflectiveOperationException ex) {
            throw new ConformanceFailure("cannot call " + type.getSimpleName() + "." + name + "(): " + ex);
        }
    }

    private static Object invoke(Object target, String name) {
        try {
            return invoke(target, target.getClass().getMethod(name));
        }
        catch (NoSuchMethodException ex) {
            throw new ConformanceFailure(target.getClass().getSimpleName() + " has no " + name + "()");
        }
    }

    private static Object invoke(Object target, Method method, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        }
        catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            throw new ConformanceFailure(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + " refused the recorded value: " + cause.getMessage());
        }
        catch (IllegalAccessException ex) {
            throw new ConformanceFailure("cannot call " + method + ": " + ex.getMessage());
        }
    }

    /** Segments of a path or route, without a leading or trailing slash. */
    static List<String> segments(String path) {
        String trimmed = stripSlash(path);
        if (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
    }

    static String stripSlash(String path) {
        return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
    }

    /** Decodes one path segment; unlike a query, {@code +} stays a plus sign. */
    static String decodePathSegment(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return segment;
        }
    }

    private static boolean isPlaceholder(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String placeholderName(String segment) {
        return segment.substring(1, segment.length() - 1);
    }
}
