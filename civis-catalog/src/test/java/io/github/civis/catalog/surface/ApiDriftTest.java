package io.github.civis.catalog.surface;

import java.util.List;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.CatalogGroup;
import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.CatalogParameter;
import io.github.civis.catalog.CatalogSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiDriftTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theBundledCatalogsOwnDocumentHasNoDrift() {
        Catalog catalog = Catalog.bundled();
        ObjectNode document = OpenApiDocument.of(catalog);

        // through text, as it travels from GET /endpoints
        ApiSurface platform = ApiSurface.fromOpenApi(JSON.readTree(JSON.writeValueAsString(document)));

        assertThat(platform.size()).isEqualTo(catalog.operations().size());
        assertThat(ApiDrift.between(ApiSurface.of(catalog), platform).isEmpty()).isTrue();
    }

    @Test
    void reportsRemovedAddedAndChangedOperations() {
        Catalog catalog = catalog(
                op("GET", "/jobs/{id}", List.of(path("id"))),
                op("DELETE", "/jobs/{id}", List.of(path("id"))),
                op("GET", "/jobs/", List.of(query("page_num", "pageNum", "integer", false),
                        query("hidden", "hidden", "boolean", false))),
                op("POST", "/jobs/", List.of(body("name", "name", "string", false),
                        body("remote_host_id", "remoteHostId", "integer", false))));
        ObjectNode document = OpenApiDocument.of(catalog);
        ObjectNode paths = (ObjectNode) document.get("paths");
        // the platform: DELETE gone, a new route, page_num now required, hidden gone,
        // remoteHostId now a string, and a new required body property
        ((ObjectNode) paths.get("/jobs/{id}")).remove("delete");
        paths.putObject("/jobs/{id}/runs").putObject("get").putArray("parameters");
        ArrayNode list = (ArrayNode) paths.get("/jobs/").get("get").get("parameters");
        ((ObjectNode) list.get(0)).put("required", true);
        list.remove(1);
        ObjectNode post = (ObjectNode) paths.get("/jobs/").get("post").get("parameters").get(0).get("schema");
        ((ObjectNode) post.get("properties").get("remoteHostId")).put("type", "string");
        ((ObjectNode) post.get("properties")).putObject("credentialId").put("type", "integer");
        ((ArrayNode) post.withArray("required")).add("credentialId");

        ApiDrift drift = ApiDrift.between(ApiSurface.of(catalog), ApiSurface.fromOpenApi(document));

        assertThat(drift.removed()).containsExactly(new ApiDrift.Drifted("DELETE", "/jobs/{id}", List.of()));
        assertThat(drift.added()).containsExactly(new ApiDrift.Drifted("GET", "/jobs/{id}/runs", List.of()));
        assertThat(drift.changed()).containsExactly(
                new ApiDrift.Drifted("GET", "/jobs/", List.of("query parameter 'hidden' was removed",
                        "query parameter 'pageNum' is now required")),
                new ApiDrift.Drifted("POST", "/jobs/", List.of("body parameter 'remoteHostId' changed type from "
                        + "integer to string", "new required body parameter 'credentialId'")));
    }

    @Test
    void routesMatchWhateverThePlaceholdersAreCalledAndVerbsInAnyCase() {
        Catalog catalog = catalog(op("GET", "/jobs/{id}/runs/{run_id}", List.of(path("id"), path("run_id"))));
        JsonNode document = JSON.readTree("""
                {"swagger": "2.0", "paths": {"/jobs/{job_id}/runs/{id}/": {"GET": {"parameters": []}}}}
                """);

        ApiDrift drift = ApiDrift.between(ApiSurface.of(catalog), ApiSurface.fromOpenApi(document));

        assertThat(drift.isEmpty()).isTrue();
    }

    @Test
    void optionalNewParametersAndRelaxedOnesAreNotChanges() {
        Catalog catalog = catalog(op("GET", "/jobs/", List.of(query("state", "state", "string", true))));
        JsonNode document = JSON.readTree("""
                {"swagger": "2.0", "paths": {"/jobs/": {"get": {"parameters": [
                  {"name": "state", "in": "query", "required": false, "type": "string"},
                  {"name": "author_id", "in": "query", "required": false, "type": "integer"}]}}}}
                """);

        assertThat(ApiDrift.between(ApiSurface.of(catalog), ApiSurface.fromOpenApi(document)).isEmpty()).isTrue();
    }

    @Test
    void aDocumentWithoutPathsIsRefusedNamingWhatIsMissing() {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiSurface.fromOpenApi(JSON.readTree("{\"error\": 1}")))
            .withMessageContaining("no 'paths' object");
    }

    private static Catalog catalog(CatalogOperation... operations) {
        return new Catalog(Catalog.FORMAT, new CatalogSource("test", "1", null, operations.length),
                List.of(new CatalogGroup("jobs", "Jobs", List.of(operations))), List.of());
    }

    private static CatalogOperation op(String verb, String route, List<CatalogParameter> parameters) {
        return new CatalogOperation("jobs", verb.toLowerCase() + route.length(), "m", null, verb, route, "summary",
                null, null, false, parameters, null, 200, null);
    }

    private static CatalogParameter path(String name) {
        return new CatalogParameter(name, name, name, "path", "integer", true, null, null);
    }

    private static CatalogParameter query(String name, String wireName, String type, boolean required) {
        return new CatalogParameter(name, wireName, wireName, "query", type, required, null, null);
    }

    private static CatalogParameter body(String name, String wireName, String type, boolean required) {
        return new CatalogParameter(name, wireName, wireName, "body", type, required, null, null);
    }
}
