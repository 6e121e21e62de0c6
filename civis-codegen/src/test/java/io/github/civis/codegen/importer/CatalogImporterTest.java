package io.github.civis.codegen.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogType;
import io.github.civis.testsupport.SharedReference;

class CatalogImporterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A small document with the features the importer must handle. */
    private static final String DOCUMENT = """
            {"swagger": "2.0", "info": {"title": "Civis", "version": "1"},
             "paths": {
              "/widgets/": {
               "get": {"summary": "List widgets", "parameters": [
                 {"name": "limit", "in": "query", "type": "integer"},
                 {"name": "page_num", "in": "query", "type": "integer"},
                 {"name": "status", "in": "query", "type": "array", "items": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "schema": {"type": "array", "items": {"$ref": "#/definitions/Object1"}}}}},
               "post": {"summary": "Create a widget", "parameters": [
                 {"name": "Object2", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Object2"}}],
                "responses": {"201": {"description": "ok", "schema": {"$ref": "#/definitions/Object0"}}}}},
              "/widgets/{id}": {
               "get": {"summary": "Get a widget", "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"}],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Object0"}}}},
               "delete": {"summary": "Archive a widget (deprecated)", "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"}],
                "responses": {"204": {"description": "ok"}}}},
              "/widgets/me": {
               "get": {"summary": "My widget", "parameters": [], "x-deprecation-note": "Use GET /users/me instead",
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Object3"}}}}}},
             "definitions": {
              "Object0": {"type": "object", "properties": {"id": {"type": "integer"}, "owner": {"$ref": "#/definitions/Object4"},
                 "tags": {"type": "array", "items": {"type": "string"}}, "extra": {"type": "object"}}},
              "Object1": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
              "Object2": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"},
                 "remoteHostId": {"type": "integer"}, "source": {"$ref": "#/definitions/Object5"}}},
              "Object3": {"type": "object", "properties": {"createdAt": {"type": "string", "format": "date-time"}}},
              "Object4": {"type": "object", "properties": {"id": {"type": "integer"}, "default": {"type": "boolean"}}},
              "Object5": {"type": "object", "required": ["table"], "properties": {"table": {"type": "string"}}}}}
            """;

    private static Catalog importText(String text) {
        return CatalogImporter.importCatalog(JSON.readTree(text), Overlay.empty());
    }

    @Test
    void namesOperationsAndTypesLikeTheDocumentedApi() {
        Catalog catalog = importText(DOCUMENT);
        assertThat(catalog.operations()).extracting(CatalogOperation::name)
            .containsExactly("list", "post", "list_me", "get", "delete");
        CatalogOperation list = catalog.operations().get(0);
        assertThat(list.paginated()).isTrue();
        assertThat(list.responseType()).isEqualTo("list<WidgetSummary>");
        assertThat(list.parameters()).extracting(CatalogParameter::wireName).containsExactly("limit", "pageNum", "status");
        assertThat(list.parameters().get(2).type()).isEqualTo("list<string>");
        CatalogOperation post = catalog.operations().get(1);
        assertThat(post.requestType()).isEqualTo("WidgetsPostRequest");
        assertThat(post.parameters()).extracting(CatalogParameter::javaName, CatalogParameter::in, CatalogParameter::required)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "body", true),
                    org.assertj.core.groups.Tuple.tuple("remoteHostId", "body", false),
                    org.assertj.core.groups.Tuple.tuple("source", "body", false));
        assertThat(catalog.operations().get(2).getName()).isEqualTo("getMe");
        assertThat(catalog.operations().get(2).deprecation()).isEqualTo("Use GET /users/me instead");
        assertThat(catalog.operations().get(3).deprecation()).isNull();
        assertThat(catalog.operations().get(4).deprecation()).contains("deprecated");
        assertThat(catalog.types()).extracting(CatalogType::name)
            .containsExactlyInAnyOrder("Widget", "WidgetSummary", "WidgetMe", "WidgetOwner", "WidgetsPostSource");
        CatalogType widget = catalog.type("Widget").orElseThrow();
        assertThat(widget.fields()).extracting(f -> f.javaName() + ":" + f.type())
            .containsExactly("id:integer", "owner:WidgetOwner", "tags:list<string>", "extra:any");
        // a keyword keeps its wire name and reads as a question when it is a boolean
        assertThat(catalog.type("WidgetOwner").orElseThrow().fields().get(1))
            .extracting(f -> f.javaName() + ":" + f.wireName())
            .isEqualTo("isDefault:default");
        assertThat(catalog.type("WidgetsPostSource").orElseThrow().role()).isEqualTo(CatalogType.INPUT);
    }

    /** A model with builds, and a build of a model: two schemas both named {@code ModelBuild} by the rules. */
    private static final String CLASHING_DOCUMENT = """
            {"swagger": "2.0", "info": {"title": "Civis", "version": "1"},
             "paths": {
              "/models/{id}": {"get": {"summary": "Get a model",
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"}],
                "responses": {"200": {"description": "ok", "schema": {"type": "object", "properties": {
                  "id": {"type": "integer"},
                  "builds": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}}}}},
              "/models/{id}/builds/{build_id}": {"get": {"summary": "Get a build",
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"},
                  {"name": "build_id", "in": "path", "required": true, "type": "integer"}],
                "responses": {"200": {"description": "ok", "schema": {"type": "object", "properties": {
                  "id": {"type": "integer"}, "state": {"type": "string"}}}}}}}}}
            """;

    @Test
    void aNameClashFailsUntilTheOverlayNamesBothSides() {
        JsonNode document = JSON.readTree(CLASHING_DOCUMENT);
        assertThatThrownBy(() -> CatalogImporter.importCatalog(document, Overlay.empty()))
            .isInstanceOf(ImportException.class)
            .hasMessageContaining("Model.builds")
            .hasMessageContaining("GET /models/{id}/builds/{build_id}")
            .hasMessageContaining("ModelBuild");
        // naming one side settles it: the other keeps the derived name, whatever the document's order
        Overlay oneSide = new Overlay(Map.of(), Map.of("Model.builds", "ModelBuildSummary"), Map.of(), Map.of());
        assertThat(CatalogImporter.importCatalog(document, oneSide).types()).extracting(CatalogType::name)
            .containsExactlyInAnyOrder("Model", "ModelBuild", "ModelBuildSummary");
        Overlay bothSides = new Overlay(Map.of(), Map.of("Model.builds", "ModelBuildSummary",
                "GET /models/{id}/builds/{build_id}", "ModelBuild"), Map.of(), Map.of());
        Catalog catalog = CatalogImporter.importCatalog(document, bothSides);
        assertThat(catalog.types()).extracting(CatalogType::name)
            .containsExactlyInAnyOrder("Model", "ModelBuild", "ModelBuildSummary");
        assertThat(catalog.type("Model").orElseThrow().fields().get(1).type()).isEqualTo("list<ModelBuildSummary>");
    }

    @Test
    void overlayCorrectsShapesNamesAndFieldTypes() {
        Overlay overlay = new Overlay(java.util.Map.of(), java.util.Map.of("WidgetMe", "MyWidget"),
                java.util.Map.of("GET /widgets/me", "list"), java.util.Map.of("*.id", "any"));
        Catalog catalog = CatalogImporter.importCatalog(JSON.readTree(DOCUMENT), overlay);
        CatalogOperation me = catalog.operations().get(2);
        assertThat(me.responseType()).isEqualTo("list<MyWidget>");
        assertThat(me.getName()).as("a list has no honest get name").isNull();
        assertThat(catalog.type("Widget").orElseThrow().fields().get(0).type()).isEqualTo("any");
    }

    @Test
    void sameInputGivesTheSameCatalogByteForByte() {
        assertThat(importText(DOCUMENT).toJson()).isEqualTo(importText(DOCUMENT).toJson());
    }

    @Test
    void badInputNamesThePlaceAndTheProblem() {
        assertThatThrownBy(() -> importText("{\"swagger\": \"3.0\"}"))
            .isInstanceOf(ImportException.class).hasMessageContaining("$.swagger");
        assertThatThrownBy(() -> importText(DOCUMENT.replace("\"in\": \"query\", \"type\": \"integer\"}",
                "\"in\": \"header\", \"type\": \"integer\"}")))
            .isInstanceOf(ImportException.class)
            .hasMessageContaining("paths./widgets/.get.parameters[0].in")
            .hasMessageContaining("unsupported parameter location 'header'");
        assertThatThrownBy(() -> importText(DOCUMENT.replace("#/definitions/Object4", "#/definitions/Missing")))
            .isInstanceOf(ImportException.class)
            .hasMessageContaining("properties.owner.$ref")
            .hasMessageContaining("no definition '#/definitions/Missing'");
        assertThatThrownBy(() -> importText(DOCUMENT.replace("{\"type\": \"boolean\"}", "{\"type\": \"decimal\"}")))
            .isInstanceOf(ImportException.class)
            .hasMessageContaining("properties.default.type")
            .hasMessageContaining("unsupported type 'decimal'");
        assertThatThrownBy(() -> importText(DOCUMENT.replace("\"/widgets/{id}\": {", "\"/widgets/{id}\": {\"head\": {},")))
            .isInstanceOf(ImportException.class)
            .hasMessageContaining("paths./widgets/{id}.head");
    }

    @Test
    void commandLineWritesNothingWhenTheImportFails(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("openapi.json");
        Path overlay = dir.resolve("overlay.json");
        Path out = dir.resolve("catalog.json");
        Files.writeString(input, DOCUMENT.replace("\"type\": \"decimal\"", "").replace("{\"type\": \"boolean\"}",
                "{\"type\": \"decimal\"}"));
        Files.writeString(overlay, "{}");
        String previous = importText(DOCUMENT).toJson();
        Files.writeString(out, previous);
        Process process = new ProcessBuilder(javaCommand(CatalogImporter.class, input.toString(), overlay.toString(),
                out.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(output).contains("Import failed, nothing written").contains("unsupported type 'decimal'");
        assertThat(Files.readString(out)).isEqualTo(previous);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("openapi.json", "overlay.json", "catalog.json");
    }

    static List<String> javaCommand(Class<?> main, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void theReferenceDocumentImportsDeterministically() {
        Path reference = SharedReference.require("civis-api-openapi.json");
        JsonNode document = JSON.readTree(reference.toFile());
        Overlay overlay = Overlay.read(Path.of("../civis-catalog/src/main/catalog/civis-overlay.json"));
        String first = CatalogImporter.importCatalog(document, overlay).toJson();
        String second = CatalogImporter.importCatalog(JSON.readTree(reference.toFile()), overlay).toJson();
        assertThat(first).isEqualTo(second);
        assertThat(first).doesNotContainPattern("\"name\" : \"Object\\d+\"");
    }
}
