package io.github.civis.codegen.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogField;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogType;
import io.github.civis.codegen.generator.ApiNames;
import io.github.civis.testsupport.SharedReference;

/**
 * Importing a newer document keeps every name the catalog has given: types, members, methods and
 * request types; what the document no longer lists stays, deprecated; a change the importer
 * cannot map stops the import with a message naming it.
 */
class NamesThatNeverMoveTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Path OVERLAY = Path.of("../civis-catalog/src/main/catalog/civis-overlay.json");

    /** The first document: widgets with an owner, a search and a retired route. */
    private static final String FIRST = """
            {"swagger": "2.0", "info": {"title": "Civis", "version": "1"},
             "paths": {
              "/widgets/{id}": {
               "get": {"summary": "Get a widget", "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Object0"}}}},
               "patch": {"summary": "Update a widget", "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"},
                 {"name": "Object1", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Object1"}}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Object0"}}}}},
              "/widgets/{id}/retire": {
               "post": {"summary": "Retire a widget", "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"}],
                "responses": {"204": {"description": "ok"}}}}},
             "definitions": {
              "Object0": {"type": "object", "properties": {"id": {"type": "integer"}, "colour": {"type": "string"},
                 "owner": {"$ref": "#/definitions/Object2"}}},
              "Object1": {"type": "object", "properties": {"colour": {"type": "string"}, "shade": {"type": "string"}}},
              "Object2": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}}}
            """;

    /**
     * The next document: a new route that uses the widget's schema comes first (the rules would now
     * name it {@code Alpha}), the retire route and the {@code shade} parameter and {@code colour}
     * property are gone, a {@code size} property is new.
     */
    private static final String NEXT = """
            {"swagger": "2.0", "info": {"title": "Civis", "version": "1"},
             "paths": {
              "/alphas/{id}": {
               "get": {"summary": "Get an alpha", "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Object7"}}}}},
              "/widgets/{id}": {
               "get": {"summary": "Get a widget", "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Object7"}}}},
               "patch": {"summary": "Update a widget", "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"},
                 {"name": "Object8", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Object8"}}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Object7"}}}}}},
             "definitions": {
              "Object7": {"type": "object", "properties": {"id": {"type": "integer"}, "size": {"type": "integer"},
                 "owner": {"$ref": "#/definitions/Object9"}}},
              "Object8": {"type": "object", "properties": {"colour": {"type": "string"}}},
              "Object9": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}}}
            """;

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static SortedSet<String> lost(Catalog before, Catalog after) {
        SortedSet<String> lost = new TreeSet<>(ApiNames.of(before));
        lost.removeAll(ApiNames.of(after));
        return lost;
    }

    @Test
    void aNewerDocumentKeepsEveryNameAndDeprecatesWhatItNoLongerLists() {
        Catalog first = CatalogImporter.importCatalog(json(FIRST), Overlay.empty());
        assertThat(first.types()).extracting(CatalogType::name).containsExactlyInAnyOrder("Widget", "WidgetOwner");

        Catalog next = CatalogImporter.importCatalog(json(NEXT), Overlay.empty(), first, "2026-03");

        assertThat(lost(first, next)).isEmpty();
        assertThat(next.operations()).extracting(CatalogOperation::javaName)
            .containsExactly("get", "get", "patch", "postRetire");
        CatalogOperation alpha = next.operations().get(0);
        assertThat(alpha.responseType()).as("a schema the catalog named keeps its name at a new route").isEqualTo("Widget");
        CatalogOperation retire = next.operations().get(3);
        assertThat(retire.unlisted()).isEqualTo("2026-03");
        assertThat(retire.deprecation()).isEqualTo(
                "The platform's 2026-03 document no longer lists this operation: a call may answer 404.");
        CatalogType widget = next.type("Widget").orElseThrow();
        assertThat(widget.fields()).extracting(CatalogField::javaName).containsExactly("id", "size", "owner", "colour");
        assertThat(widget.fields().get(3).deprecation()).contains("2026-03 document no longer lists this property");
        assertThat(widget.fields().get(2).type()).isEqualTo("WidgetOwner");
        CatalogParameter shade = next.operations().get(2).parameters().get(2);
        assertThat(shade.javaName()).isEqualTo("shade");
        assertThat(shade.deprecation()).contains("no longer lists this parameter");
        assertThat(next.source().date()).isEqualTo("2026-03");
        assertThat(next.source().operations()).isEqualTo(3);
    }

    @Test
    void reimportingTheSameDocumentGivesTheSameCatalogByteForByte() {
        Catalog first = CatalogImporter.importCatalog(json(FIRST), Overlay.empty());
        Catalog next = CatalogImporter.importCatalog(json(NEXT), Overlay.empty(), first, "2026-03");
        Catalog again = CatalogImporter.importCatalog(json(NEXT), Overlay.empty(), next, "2026-03");
        assertThat(again.toJson()).isEqualTo(next.toJson());
    }

    @Test
    void aPropertyWhoseTypeChangesStopsTheImportUntilTheOverlayDecides() {
        Catalog first = CatalogImporter.importCatalog(json(FIRST), Overlay.empty());
        JsonNode changed = json(NEXT.replace("\"size\": {\"type\": \"integer\"}", "\"colour\": {\"type\": \"integer\"}"));
        assertThatThrownBy(() -> CatalogImporter.importCatalog(changed, Overlay.empty(), first, "2026-03"))
            .isInstanceOf(ImportException.class)
            .hasMessageContaining("Widget.colour changes its type from string to integer")
            .hasMessageContaining("fieldTypes \"Widget.colour\": \"string\"");
        Overlay keepString = new Overlay(Map.of(), Map.of(), Map.of(), Map.of("Widget.colour", "string"));
        Catalog kept = CatalogImporter.importCatalog(changed, keepString, first, "2026-03");
        assertThat(lost(first, kept)).isEmpty();
    }

    @Test
    void aTypeSplitInTwoShapesStopsTheImportNamingBothUses() {
        Catalog first = CatalogImporter.importCatalog(json(FIRST), Overlay.empty());
        // the patch now answers with another shape, whose id is a string
        String split = NEXT.replace("\"responses\": {\"200\": {\"description\": \"ok\", \"schema\": {\"$ref\": "
                + "\"#/definitions/Object7\"}}}}}},", "\"responses\": {\"200\": {\"description\": \"ok\", \"schema\": "
                + "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"string\"}}}}}}}},");
        assertThat(split).isNotEqualTo(NEXT);
        assertThatThrownBy(() -> CatalogImporter.importCatalog(json(split), Overlay.empty(), first, "2026-03"))
            .isInstanceOf(ImportException.class)
            .hasMessageContaining("the type Widget is now two shapes")
            .hasMessageContaining("at PATCH /widgets/{id}")
            .hasMessageContaining("name one of them in the overlay's typeNames");
    }

    @Test
    void twoShapesThatAgreeOnEveryPropertyTheyShareAreReadAsOneKeptType() {
        Catalog first = CatalogImporter.importCatalog(json(FIRST), Overlay.empty());
        String wider = NEXT.replace("\"responses\": {\"200\": {\"description\": \"ok\", \"schema\": {\"$ref\": "
                + "\"#/definitions/Object7\"}}}}}},", "\"responses\": {\"200\": {\"description\": \"ok\", \"schema\": "
                + "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}, \"weight\": {\"type\": \"number\"}}}}}}}},");
        Catalog next = CatalogImporter.importCatalog(json(wider), Overlay.empty(), first, "2026-03");
        assertThat(lost(first, next)).isEmpty();
        assertThat(next.type("Widget").orElseThrow().fields()).extracting(CatalogField::javaName)
            .contains("id", "size", "owner", "weight");
    }

    @Test
    void aNameThatWouldGoStopsTheImportUnlessTheOverlayLetsItGo() {
        Catalog first = CatalogImporter.importCatalog(json(FIRST), Overlay.empty());
        // the overlay renames the patch's answer: the patch method's result type moves
        Overlay rename = new Overlay(Map.of(), Map.of("PATCH /widgets/{id}", "PatchedWidget"), Map.of(), Map.of());
        assertThatThrownBy(() -> CatalogImporter.importCatalog(json(NEXT), rename, first, "2026-03"))
            .isInstanceOf(ImportException.class)
            .hasMessageContaining("would no longer give method WidgetsApi.patch(long, WidgetsPatchRequest): Widget");
        Overlay letGo = new Overlay(Map.of(), rename.typeNames(), Map.of(), Map.of(), new TreeSet<>(List.of(
                "method WidgetsApi.patch(long, WidgetsPatchRequest): Widget",
                "method WidgetsApi.patch(long): Widget",
                "method ReactiveWidgetsApi.patch(long, WidgetsPatchRequest): mono<Widget>",
                "method ReactiveWidgetsApi.patch(long): mono<Widget>")));
        Catalog renamed = CatalogImporter.importCatalog(json(NEXT), letGo, first, "2026-03");
        assertThat(renamed.operations().get(2).responseType()).isEqualTo("PatchedWidget");
        assertThat(lost(first, renamed)).containsExactlyInAnyOrderElementsOf(letGo.droppedNames());
    }

    /** The names test of the reference documents: the 2023 catalog, then the March 2026 document over it. */
    @Test
    void theMarch2026DocumentOverThe2023CatalogKeepsEveryName() {
        JsonNode document2023 = JSON.readTree(SharedReference.require("civis-api-openapi.json").toFile());
        JsonNode document2026 = JSON.readTree(SharedReference.require("civis-api-openapi-2026-03.json").toFile());
        Overlay overlay = Overlay.read(OVERLAY);
        Catalog catalog2023 = CatalogImporter.importCatalog(document2023, overlay);
        Catalog catalog2026 = CatalogImporter.importCatalog(document2026, overlay, catalog2023, "2026-03");

        assertThat(lost(catalog2023, catalog2026)).as("names of the 2023 catalog no longer given").isEmpty();
        assertThat(ApiNames.of(catalog2026)).hasSizeGreaterThan(ApiNames.of(catalog2023).size());
        Set<String> routes2026 = operations(document2026);
        List<CatalogOperation> listed = catalog2026.operations().stream().filter(op -> op.unlisted() == null).toList();
        assertThat(listed).extracting(op -> op.verb() + " " + op.route()).hasSize(895)
            .containsExactlyInAnyOrderElementsOf(routes2026);
        List<CatalogOperation> unlisted = catalog2026.operations().stream().filter(op -> op.unlisted() != null).toList();
        assertThat(unlisted).hasSize(33).allSatisfy(op -> assertThat(op.deprecation())
            .isEqualTo("The platform's 2026-03 document no longer lists this operation: a call may answer 404."));
        assertThat(unlisted.stream().filter(op -> !op.group().equals("feature_flags"))).hasSize(25);
        // the types the 2026 document would rename are still there, and where they were
        assertThat(catalog2026.operations()).filteredOn(op -> op.route().equals("/tables/{id}") && op.verb().equals("GET"))
            .singleElement().extracting(CatalogOperation::responseType).isEqualTo("Table");
        assertThat(catalog2026.operations()).filteredOn(op -> op.route().equals("/files/{id}/projects"))
            .singleElement().extracting(CatalogOperation::responseType).isEqualTo("list<ProjectReference>");
    }

    @Test
    void theCommandLineReportsWhatItAddedDeprecatedAndKept(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.json");
        Path next = dir.resolve("widgets-2026-03.json");
        Path overlay = dir.resolve("overlay.json");
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(first, FIRST);
        Files.writeString(next, NEXT);
        Files.writeString(overlay, "{}");
        assertThat(run(first, overlay, catalog)).contains("Added 3 operation(s)");
        String report = run(next, overlay, catalog);
        assertThat(report).contains("Added 1 operation(s):\n  + GET /alphas/{id} (alphas.get)")
            .contains("Deprecated 1 operation(s) the document no longer lists:\n  - POST /widgets/{id}/retire "
                    + "(widgets.post_retire)")
            .containsPattern("Kept \\d+ name\\(s\\) of the generated API; added \\d+\\.")
            .contains("the platform's 2026-03 document");
        String before = Files.readString(catalog);
        assertThat(run(next, overlay, catalog)).contains("Added 0 operation(s)").contains("Deprecated 0 operation(s)")
            .contains("added 0.");
        assertThat(Files.readString(catalog)).as("a re-import is a no-op").isEqualTo(before);
    }

    private static String run(Path document, Path overlay, Path catalog) throws Exception {
        Process process = new ProcessBuilder(CatalogImporterTest.javaCommand(CatalogImporter.class, document.toString(),
                overlay.toString(), catalog.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static Set<String> operations(JsonNode document) {
        return document.path("paths").properties().stream()
            .flatMap(path -> path.getValue().propertyNames().stream()
                .map(verb -> verb.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()))
            .collect(Collectors.toSet());
    }
}
