package io.github.civis.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Runtime hints so that the generated model and request types serialise in a native image:
 * reflection on their public constructors (the JSON-taking one Jackson creates them with) and
 * public methods, plus the API catalog resource. The type names come from the catalog the types
 * were generated from, so the hints follow the API without a hand-kept list.
 */
public class CivisRuntimeHints implements RuntimeHintsRegistrar {

    /** Location of the API catalog on the class path. */
    static final String CATALOG = "io/github/civis/client/catalog/civis-catalog.json";

    private static final String MODEL_PACKAGE = "io.github.civis.client.model.";

    private static final String REQUEST_PACKAGE = "io.github.civis.client.request.";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern(CATALOG);
        for (String type : generatedTypes(classLoader)) {
            hints.reflection()
                .registerType(TypeReference.of(type), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS,
                        MemberCategory.INVOKE_PUBLIC_METHODS);
        }
    }

    /**
     * Fully qualified names of the generated model and request types, request builders included.
     * @param classLoader where to read the catalog from
     * @return the names, sorted
     */
    static Set<String> generatedTypes(@Nullable ClassLoader classLoader) {
        JsonNode catalog = readCatalog(classLoader);
        Set<String> names = new TreeSet<>();
        for (JsonNode type : catalog.path("types")) {
            String name = text(type.path("name"));
            boolean input = "input".equals(text(type.path("role")));
            if (name != null && input) {
                names.add(REQUEST_PACKAGE + name);
                names.add(REQUEST_PACKAGE + name + "$Builder");
            }
            else if (name != null) {
                names.add(MODEL_PACKAGE + name);
            }
        }
        for (JsonNode group : catalog.path("groups")) {
            for (JsonNode operation : group.path("operations")) {
                String request = text(operation.path("requestType"));
                if (request != null) {
                    names.add(REQUEST_PACKAGE + request);
                    names.add(REQUEST_PACKAGE + request + "$Builder");
                }
            }
        }
        return names;
    }

    private static @Nullable String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static JsonNode readCatalog(@Nullable ClassLoader classLoader) {
        ClassLoader loader = (classLoader != null) ? classLoader : CivisRuntimeHints.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException("The Civis API catalog " + CATALOG + " is not on the class path");
            }
            return JsonMapper.builder().build().readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
