package io.github.civis.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.civis.client.transport.OperationDescriptor;
import io.github.civis.client.transport.ParameterDescriptor;
import io.github.civis.catalog.naming.Names;
import io.github.civis.testsupport.SharedReference;

/**
 * Every method of the seed documentation (the Python client's API reference) exists in the
 * Java API with matching parameters: path ids positional, everything else through the request
 * builder, paginated lists with a lazy {@code listAll…} variant, blocking and reactive.
 */
class SeedMethodsTest {

    private record SeedMethod(String group, String name, List<String> required, List<String> optional) {
        boolean paginated() {
            return optional.contains("iterator");
        }

        String id() {
            return group + "." + name;
        }
    }

    private static List<SeedMethod> seed() throws IOException {
        Path file = SharedReference.require("seed-methods.tsv");
        List<SeedMethod> methods = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] cols = line.split("\t");
            if (cols.length < 3 || cols[0].equals("group")) {
                continue;
            }
            String signature = cols[2].trim();
            signature = signature.substring(1, signature.length() - 1);
            List<String> required = new ArrayList<>();
            List<String> optional = new ArrayList<>();
            boolean keywordOnly = false;
            for (String arg : signature.split(",")) {
                String a = arg.trim();
                if (a.isEmpty()) {
                    continue;
                }
                if (a.equals("*")) {
                    keywordOnly = true;
                    continue;
                }
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                (keywordOnly || a.contains("=") ? optional : required).add(name);
            }
            methods.add(new SeedMethod(cols[0], cols[1], required, optional));
        }
        return methods;
    }

    /**
     * Arguments the seed requires that the platform's 2026-03 document, which the catalog follows,
     * no longer requires: the builder still has them, without insisting on them.
     */
    private static final Set<String> NO_LONGER_REQUIRED = Set.of("scripts.post_containers.docker_image_name",
            "scripts.put_containers.docker_image_name");

    private static final Map<String, OperationDescriptor> OPERATIONS = CivisOperations.ALL.stream()
        .collect(Collectors.toMap(op -> op.group() + "." + op.name(), Function.identity()));

    @Test
    void everySeedMethodExistsWithMatchingParameters() throws Exception {
        List<SeedMethod> seed = seed();
        assertThat(seed).hasSize(787);
        List<String> problems = new ArrayList<>();
        for (SeedMethod method : seed) {
            problems.addAll(check(method));
        }
        assertThat(problems).as("seed methods without a matching Java method").isEmpty();
    }

    @Test
    void everySeedGroupHasABlockingAndAReactiveInterface() throws Exception {
        Set<String> groups = seed().stream().map(SeedMethod::group).collect(Collectors.toCollection(TreeSet::new));
        assertThat(groups).hasSize(37);
        for (String group : groups) {
            Class<?> blocking = Class.forName("io.github.civis.client.api." + Names.pascal(group) + "Api");
            Class<?> reactive = Class.forName("io.github.civis.client.api.Reactive" + Names.pascal(group) + "Api");
            assertThat(blocking).isInterface();
            assertThat(reactive).isInterface();
            assertThat(Arrays.stream(reactive.getMethods()).map(Method::getReturnType))
                .allMatch(type -> type == Mono.class || type == Flux.class);
        }
    }

    private List<String> check(SeedMethod seed) throws ClassNotFoundException {
        OperationDescriptor op = OPERATIONS.get(seed.id());
        if (op == null) {
            return List.of(seed.id() + ": no operation in the catalog");
        }
        List<String> problems = new ArrayList<>();
        List<String> pathNames = op.pathParameters().stream().map(ParameterDescriptor::wireName).toList();
        List<String> positional = seed.required().subList(0, Math.min(pathNames.size(), seed.required().size()));
        if (!positional.equals(pathNames)) {
            problems.add(seed.id() + ": path parameters " + pathNames + " but the seed starts with " + seed.required());
        }
        List<String> rest = new ArrayList<>(seed.required().subList(positional.size(), seed.required().size()));
        rest.addAll(seed.optional());
        rest.remove("iterator");
        String javaName = Names.lowerCamel(seed.name());
        for (boolean reactive : new boolean[] { false, true }) {
            Class<?> api = Class.forName("io.github.civis.client.api." + (reactive ? "Reactive" : "")
                    + Names.pascal(seed.group()) + "Api");
            Method method = find(api, javaName, op, !rest.isEmpty());
            if (method == null) {
                problems.add(api.getSimpleName() + "." + javaName + ": no method taking " + pathNames.size()
                        + " path values" + (rest.isEmpty() ? "" : " and a request builder"));
                continue;
            }
            if (!rest.isEmpty()) {
                Class<?> builder = builderOf(method);
                Set<String> setters = Arrays.stream(builder.getMethods()).map(Method::getName).collect(Collectors.toSet());
                for (String arg : rest) {
                    if (!setters.contains(javaNameOf(op, arg))) {
                        problems.add(api.getSimpleName() + "." + javaName + ": builder has no setter for '" + arg + "'");
                    }
                }
            }
            for (String arg : seed.required().subList(positional.size(), seed.required().size())) {
                boolean required = op.parameters().stream()
                    .anyMatch(p -> p.javaName().equals(javaNameOf(op, arg)) && p.required());
                if (!required && !NO_LONGER_REQUIRED.contains(seed.id() + "." + arg)) {
                    problems.add(seed.id() + ": '" + arg + "' is required by the seed but not by the catalog");
                }
            }
            if (seed.paginated()) {
                String allName = "listAll" + javaName.substring(4);
                Class<?> expected = reactive ? Flux.class : Stream.class;
                boolean found = Arrays.stream(api.getMethods())
                    .anyMatch(m -> m.getName().equals(allName) && m.getReturnType() == expected);
                if (!found || !op.paginated()) {
                    problems.add(api.getSimpleName() + "." + allName + ": missing lazy variant of a paginated list");
                }
            }
        }
        return problems;
    }

    private static Method find(Class<?> api, String name, OperationDescriptor op, boolean withRequest) {
        int path = op.pathParameters().size();
        for (Method method : api.getMethods()) {
            List<Class<?>> types = Arrays.asList(method.getParameterTypes());
            if (!method.getName().equals(name) || types.size() != path + (withRequest ? 1 : 0)) {
                continue;
            }
            boolean idsPositional = types.subList(0, path).stream().allMatch(t -> t == long.class || t == String.class);
            if (idsPositional && (!withRequest || types.get(path) == Consumer.class)) {
                return method;
            }
        }
        return null;
    }

    private static Class<?> builderOf(Method method) {
        var type = (ParameterizedType) method.getGenericParameterTypes()[method.getParameterCount() - 1];
        var argument = type.getActualTypeArguments()[0];
        if (argument instanceof java.lang.reflect.WildcardType wildcard) {
            argument = wildcard.getLowerBounds()[0];
        }
        return (Class<?>) argument;
    }

    /**
     * The Java name of a documented argument: the operation's parameter of that wire name (a
     * keyword such as {@code default} has a readable Java name), else the naming rule's.
     */
    private static String javaNameOf(OperationDescriptor op, String arg) {
        return op.parameters().stream()
            .filter(p -> Names.snake(p.wireName()).equals(Names.snake(arg)))
            .map(io.github.civis.client.transport.ParameterDescriptor::javaName)
            .findFirst()
            .orElse(Names.member(arg));
    }
}
