package io.github.civis.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.catalog.Catalog;
import io.github.civis.codegen.generator.SourceGenerator;
import io.github.civis.codegen.importer.CatalogImporter;
import io.github.civis.codegen.importer.Overlay;
import io.github.civis.testsupport.SharedReference;

/**
 * The client's hand-written code (the workflows, transport, everything beside the generated API)
 * compiles against the API generated from the catalog imported from each Civis document the
 * project has: the first one alone here, and the March 2026 one imported over it, which is the
 * committed catalog this module is built from (and {@code CatalogTest} checks that it is). A
 * catalog change that renamed a generated type or method the workflows use would fail here, not in
 * users' builds.
 */
class CatalogImportsCompileTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Path OVERLAY = Path.of("../civis-catalog/src/main/catalog/civis-overlay.json");

    private static final Path HAND_WRITTEN = Path.of("src/main/java");

    private static JsonNode document(String name) {
        return JSON.readTree(SharedReference.require(name).toFile());
    }

    @Test
    void theClientCompilesAgainstTheApiOfTheFirstDocument(@TempDir Path dir) throws IOException {
        Catalog first = CatalogImporter.importCatalog(document("civis-api-openapi.json"), Overlay.read(OVERLAY));
        assertCompiles(first, dir);
    }

    private static void assertCompiles(Catalog catalog, Path dir) throws IOException {
        Path catalogFile = dir.resolve("catalog.json");
        catalog.write(catalogFile);
        Path generated = dir.resolve("generated");
        SourceGenerator.main(new String[] { generated.toString(), dir.resolve("resources").toString(),
                catalogFile.toString() });
        List<String> sources = new ArrayList<>();
        for (Path root : List.of(generated, HAND_WRITTEN)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
            }
        }
        // Everything the client depends on, but not the client's own classes: they were generated
        // from the committed catalog and would stand in for what this catalog no longer generates.
        String classPath = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator))
            .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().startsWith(Path.of("target").toAbsolutePath()))
            .toList());
        List<String> arguments = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-classpath", classPath,
                "--release", "17", "-proc:none", "-implicit:none", "-nowarn", "-Xlint:none", "-Xmaxerrs", "20"));
        arguments.addAll(sources);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status).as("the client compiled against the API of this catalog:\n%s",
                errors.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(dir.resolve("classes/io/github/civis/client/tables/CivisTableTransfers.class")).exists();
    }
}
