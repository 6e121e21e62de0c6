package io.github.civis.client.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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

    /**
     * The committed catalog is the first document imported, then the March 2026 one over it; and
     * {@code scripts/import-catalog} with the March 2026 document over the committed catalog is a
     * no-op.
     */
    @Test
    void committedCatalogIsWhatTheImporterMakesFromTheReferenceDocumentsAndTheOverlay() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode first = json.readTree(SharedReference.require("civis-api-openapi.json").toFile());
        JsonNode march2026 = json.readTree(SharedReference.require("civis-api-openapi-2026-03.json").toFile());
        Overlay overlay = Overlay.read(Path.of("../civis-catalog/src/main/catalog/civis-overlay.json"));
        Catalog imported = CatalogImporter.importCatalog(march2026, overlay, CatalogImporter.importCatalog(first, overlay),
                "2026-03");
        assertThat(imported.toJson())
            .as("the committed catalog is stale: run scripts/import-catalog and commit the result")
            .isEqualTo(committed());
        Catalog reimported = CatalogImporter.importCatalog(march2026, overlay, Catalog.bundled(), "2026-03");
        assertThat(reimported.toJson()).as("re-importing the same document changes nothing").isEqualTo(committed());
    }

    @Test
    void catalogCoversEveryGeneratedOperation() throws IOException {
        Catalog catalog = Catalog.read(new java.io.ByteArrayInputStream(committed().getBytes()));
        assertThat(catalog.operations()).hasSize(CivisOperations.ALL.size()).hasSize(895 + 33);
        assertThat(catalog.source().operations()).isEqualTo(895);
        assertThat(catalog.source().date()).isEqualTo("2026-03");
        assertThat(catalog.groups()).hasSize(43);
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
