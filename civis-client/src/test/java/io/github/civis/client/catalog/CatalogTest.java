package io.github.civis.client.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.api.CivisOperations;
import io.github.civis.catalog.Catalog;
import io.github.civis.codegen.importer.CatalogImporter;
import io.github.civis.codegen.importer.Overlay;
import io.github.civis.testsupport.SharedReference;

/** The committed catalog, and what was generated from it. */
class CatalogTest {

    private static String committed() throws IOException {
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(Catalog.RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void committedCatalogIsWhatTheImporterMakesFromTheReferenceDocumentAndTheOverlay() throws IOException {
        Path document = SharedReference.require("civis-api-openapi.json");
        Catalog imported = CatalogImporter.importCatalog(JsonMapper.builder().build().readTree(document.toFile()),
                Overlay.read(Path.of("../civis-catalog/src/main/catalog/civis-overlay.json")));
        assertThat(imported.toJson())
            .as("the committed catalog is stale: run scripts/import-catalog and commit the result")
            .isEqualTo(committed());
    }

    @Test
    void catalogCoversEveryGeneratedOperation() throws IOException {
        Catalog catalog = Catalog.read(new java.io.ByteArrayInputStream(committed().getBytes()));
        assertThat(catalog.operations()).hasSize(CivisOperations.ALL.size()).hasSize(817);
        assertThat(catalog.groups()).hasSize(39);
    }

    @Test
    void noGeneratedTypeHasAMeaninglessName() throws IOException {
        Path classes = Path.of("target/classes/io/github/civis/client");
        try (Stream<Path> files = Files.walk(classes)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".class"))
                .toList();
            assertThat(names).hasSizeGreaterThan(900);
            assertThat(names).noneMatch(n -> n.matches("Object\\d+(\\$.*)?\\.class"));
        }
    }
}
