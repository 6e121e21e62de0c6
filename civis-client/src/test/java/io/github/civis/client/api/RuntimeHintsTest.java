package io.github.civis.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The client ships the native-image hints of its generated types itself, for plain Java
 * ({@code META-INF/native-image}) and for Spring AOT ({@code META-INF/spring/aot.factories}):
 * every generated model, request, input and API type is covered.
 */
class RuntimeHintsTest {

    private static final String REFLECT_CONFIG = "META-INF/native-image/io.github.civis/civis-client/reflect-config.json";

    /** The generated types a native image reads or builds by reflection, from the generated sources. */
    private static List<Class<?>> generatedTypes() throws IOException, ClassNotFoundException {
        Path sources = Path.of("target/generated-sources/civis");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                .sorted()
                .toList()) {
                String name = sources.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                Class<?> type = Class.forName(name.substring(0, name.length() - ".java".length()));
                String pkg = type.getPackageName();
                boolean model = pkg.equals("io.github.civis.client.model");
                boolean request = pkg.equals("io.github.civis.client.request");
                boolean api = pkg.equals("io.github.civis.client.api") && type.isInterface()
                        && type.getSimpleName().endsWith("Api");
                if (model || request || api) {
                    types.add(type);
                    for (Class<?> nested : type.getDeclaredClasses()) {
                        if (Modifier.isPublic(nested.getModifiers())) {
                            types.add(nested);
                        }
                    }
                }
            }
        }
        return types;
    }

    @Test
    void plainJavaNativeImageMetadataListsEveryGeneratedType() throws Exception {
        JsonNode config;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(REFLECT_CONFIG)) {
            assertThat(in).as(REFLECT_CONFIG + " on the class path").isNotNull();
            config = JsonMapper.builder().build().readTree(in);
        }
        Set<String> listed = new java.util.HashSet<>();
        for (JsonNode entry : config) {
            assertThat(entry.path("allPublicConstructors").asBoolean()).as(entry.toString()).isTrue();
            assertThat(entry.path("allPublicMethods").asBoolean()).as(entry.toString()).isTrue();
            listed.add(entry.path("name").asString());
        }
        List<Class<?>> generated = generatedTypes();
        // 279 models, 50 inputs and 446 requests with their builders, 78 API interfaces
        assertThat(generated).hasSizeGreaterThan(279 + 2 * 50 + 2 * 446 + 78 - 1);
        assertThat(listed).containsAll(generated.stream().map(Class::getName).collect(Collectors.toSet()));
        for (String name : listed) {
            Class.forName(name, false, getClass().getClassLoader());
        }
    }

    @Test
    void springAotFindsTheRegistrarAndItCoversEveryGeneratedType() throws Exception {
        List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
            .load(RuntimeHintsRegistrar.class);
        assertThat(registrars).hasAtLeastOneElementOfType(CivisApiRuntimeHints.class);
        RuntimeHints hints = new RuntimeHints();
        new CivisApiRuntimeHints().registerHints(hints, getClass().getClassLoader());
        for (Class<?> type : generatedTypes()) {
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(type)
                .withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
                .as(type.getName())
                .accepts(hints);
        }
    }
}
