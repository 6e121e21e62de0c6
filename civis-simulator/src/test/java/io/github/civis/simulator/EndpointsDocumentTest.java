package io.github.civis.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.surface.ApiDrift;
import io.github.civis.catalog.surface.ApiSurface;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code GET /endpoints}: the simulator's catalog as an OpenAPI 2.0 document, or a given one.
 */
class EndpointsDocumentTest {

    private static final String MOVED = """
            {"swagger": "2.0", "info": {"title": "Civis Platform API", "version": "moved"},
             "paths": {"/jobs/{id}": {"get": {"parameters": [
               {"name": "id", "in": "path", "required": true, "type": "integer"}]}}}}
            """;

    private static CivisSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = CivisSimulator.builder().apiKey("civis-simulator-test-key").runStep(Duration.ZERO)
            .build().start();
    }

    @AfterEach
    void clearFaults() {
        simulator.faults().clear();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void servesItsCatalogAsAnOpenApiDocument() {
        HttpResponse<String> answer = RawHttp.send("GET", simulator.baseUrl() + "endpoints/",
                RawHttp.bearer(simulator.apiKey()), null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode document = RawHttp.json(answer);
        assertThat(document.path("swagger").asString()).isEqualTo("2.0");
        Catalog catalog = CivisSimulator.defaultCatalog();
        ApiSurface served = ApiSurface.fromOpenApi(document);
        assertThat(served.size()).isEqualTo(catalog.operations().size());
        assertThat(ApiDrift.between(ApiSurface.of(catalog), served).isEmpty()).isTrue();
        // parameters carry what a comparison needs
        JsonNode parameter = document.path("paths").path("/credentials/{id}").path("get").path("parameters").get(0);
        assertThat(parameter.path("name").asString()).isEqualTo("id");
        assertThat(parameter.path("in").asString()).isEqualTo("path");
        assertThat(parameter.path("required").asBoolean()).isTrue();
        assertThat(parameter.path("type").asString()).isEqualTo("integer");
    }

    @Test
    void answersWithoutTheTrailingSlashTooAndNeedsTheKey() {
        assertThat(RawHttp.send("GET", simulator.baseUrl() + "endpoints", RawHttp.bearer(simulator.apiKey()), null)
            .statusCode()).isEqualTo(200);
        assertThat(RawHttp.send("GET", simulator.baseUrl() + "endpoints/", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void servesTheGivenDocumentFromTheBuilder() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("k").endpointsDocument(MOVED).build().start()) {
            HttpResponse<String> answer = RawHttp.send("GET", simulator.baseUrl() + "endpoints/", RawHttp.bearer("k"),
                    null);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(RawHttp.json(answer).path("info").path("version").asString()).isEqualTo("moved");
            assertThat(ApiSurface.fromOpenApi(RawHttp.json(answer)).operations()).containsOnlyKeys("GET /jobs/{}");
        }
    }

    @Test
    void servesTheGivenDocumentFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("moved.json"), MOVED);
        CivisSimulator simulator = Main.start(new String[] { "--api-key", "k", "--endpoints-document", file.toString() },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = RawHttp.send("GET", simulator.baseUrl() + "endpoints/", RawHttp.bearer("k"),
                    null);

            assertThat(RawHttp.json(answer).path("info").path("version").asString()).isEqualTo("moved");
        }
        finally {
            simulator.stop();
        }
    }

    @Test
    void refusesADocumentThatIsNoOpenApiDocument(@TempDir Path dir) throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> CivisSimulator.builder().endpointsDocument("[1, 2"))
            .withMessageContaining("endpoints document");
        assertThatIllegalArgumentException().isThrownBy(() -> CivisSimulator.builder().endpointsDocument("{}"))
            .withMessageContaining("'paths'");
        Path missing = dir.resolve("missing.json");
        assertThatExceptionOfType(CommandLine.InvalidOptionException.class)
            .isThrownBy(() -> CommandLine.parse(new String[] { "--api-key", "k", "--endpoints-document",
                missing.toString() }, null))
            .withMessageContaining("--endpoints-document").withMessageContaining(missing.toString());
    }
}
