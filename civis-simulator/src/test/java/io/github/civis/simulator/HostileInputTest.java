package io.github.civis.simulator;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;

import io.github.civis.simulator.sql.Seed;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an adversary sends the simulator: wildcards and regex characters in name filters, ids
 * that were never created, nonsense fault rules, awkward file names. Each gets the platform's
 * answer or a 4xx naming what was wrong, never a 500 or a made-up object.
 */
class HostileInputTest {

    private static final String DB = "warehouse";

    private static CivisSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = CivisSimulator.builder().apiKey("civis-simulator-test-key").runStep(Duration.ZERO)
            .seed(new Seed().database(DB)
                .table(DB, "demo.cities", List.of("name"), List.of(List.of("Lyon")))
                .table(DB, "demo.city_codes", List.of("code"), List.of(List.of("69")))
                .table(DB, "demo.victim", List.of("id"), List.of(List.of("1")))
                .table(DB, "other.cities", List.of("name"), List.of(List.of("Nice"))))
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
    void percentAndStarInATableNameFilterAreWildcardsAndEverythingElseIsLiteral() {
        assertThat(tableNames("name", "cit%")).containsExactlyInAnyOrder("demo.cities", "demo.city_codes",
                "other.cities");
        assertThat(tableNames("name", "%")).hasSize(4);
        assertThat(tableNames("name", "*ties")).containsExactlyInAnyOrder("demo.cities", "other.cities");
        assertThat(tableNames("name", "CITY%")).containsExactly("demo.city_codes");
        // Regex characters are literal: '.' is no "any character", '[' no class, '\' no escape.
        assertThat(tableNames("name", "citi.s")).isEmpty();
        assertThat(tableNames("name", "cit[i]es%")).isEmpty();
        assertThat(tableNames("name", "%\\E%")).isEmpty();
        assertThat(tableNames("name", "\\Q%")).isEmpty();
        assertThat(tableNames("schema", "de%")).hasSize(3);
    }

    @Test
    void percentInADatabaseTablesFilterMatchesTheQualifiedName() {
        long databaseId = RawHttp.json(get("databases")).get(0).path("id").asLong();
        HttpResponse<String> response = get("databases/" + databaseId + "/tables?name="
                + URLEncoder.encode("demo.%", StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        RawHttp.json(response).forEach(t -> names.add(t.path("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("cities", "city_codes", "victim");
    }

    @Test
    void anIdThatWasNeverCreatedIs404Everywhere() {
        for (String path : List.of("credentials/abc", "credentials/-1", "credentials/99999999999999999999",
                "credentials/123456789", "scripts/sql/abc", "projects/123456789", "projects/abc")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as("GET /" + path).isEqualTo(404);
            assertThat(RawHttp.json(response).path("error").asString()).as("GET /" + path).isEqualTo("not_found");
        }
        for (String verb : List.of("PUT", "PATCH", "DELETE")) {
            HttpResponse<String> response = RawHttp.send(verb, simulator.baseUrl() + "credentials/abc",
                    RawHttp.bearer(simulator.apiKey()), verb.equals("DELETE") ? null : "{\"name\":\"x\"}");
            assertThat(response.statusCode()).as(verb + " /credentials/abc").isEqualTo(404);
        }
    }

    @Test
    void aCreatedProjectIsStoredAndReadBack() {
        HttpResponse<String> created = RawHttp.send("POST", simulator.baseUrl() + "projects", RawHttp.bearer(simulator.apiKey()),
                "{\"name\":\"Field study\",\"description\":\"2026\"}");
        long id = RawHttp.json(created).path("id").asLong();

        HttpResponse<String> read = get("projects/" + id);
        HttpResponse<String> deleted = RawHttp.send("DELETE", simulator.baseUrl() + "projects/" + id,
                RawHttp.bearer(simulator.apiKey()), null);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(read).path("name").asString()).isEqualTo("Field study");
        assertThat(RawHttp.json(read).path("id").asLong()).isEqualTo(id);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("projects/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aFaultRuleWithAStatusThatIsNoNumberIs400NamingTheFieldAndAddsNoRule() {
        assertRejected("{\"status\":\"abc\"}", "status");
        assertRejected("{\"status\":200}", "status");
        assertRejected("{\"status\":503.5}", "status");
        assertRejected("{\"kind\":\"status\",\"status\":null}", "status");
    }

    @Test
    void aFaultRuleWithALatencyOutOfBoundsIs400NamingTheField() {
        assertRejected("{\"latencyMillis\":-1}", "latencyMillis");
        assertRejected("{\"latencyMillis\":\"soon\"}", "latencyMillis");
        assertRejected("{\"latencyMillis\":600001}", "latencyMillis");
        assertRejected("{\"kind\":\"latency\",\"latencyMillis\":1e12}", "latencyMillis");
        assertRejected("{\"kind\":\"latency\"}", "latencyMillis");
    }

    @Test
    void aFaultRuleWithOtherBadFieldsIs400NamingThem() {
        assertRejected("{\"status\":503,\"rate\":\"often\"}", "rate");
        assertRejected("{\"status\":503,\"rate\":2}", "rate");
        assertRejected("{\"status\":503,\"times\":0}", "times");
        assertRejected("{\"status\":503,\"times\":\"twice\"}", "times");
        assertRejected("{\"status\":429,\"retryAfterSeconds\":-3}", "retryAfterSeconds");
        assertRejected("{\"status\":503,\"verb\":7}", "verb");
        assertRejected("{\"status\":503,\"route\":false}", "route");
        assertRejected("{\"statsu\":503}", "statsu");
        assertRejected("{\"kind\":\"drop\",\"status\":503}", "status");
    }

    @Test
    void aValidFaultRuleIsStillAccepted() {
        HttpResponse<String> added = admin("POST", "{\"kind\":\"latency\",\"latencyMillis\":600000,\"verb\":\"GET\","
                + "\"route\":\"/nothing/here\",\"times\":1}");
        try {
            assertThat(added.statusCode()).isEqualTo(201);
            JsonNode rules = RawHttp.json(admin("GET", null)).path("rules");
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).path("latencyMillis").asLong()).isEqualTo(600_000);
        }
        finally {
            admin("DELETE", null);
        }
    }

    @Test
    void aFileNamedSlashUploadsAndDownloads() {
        HttpResponse<String> created = RawHttp.send("POST", simulator.baseUrl() + "files", RawHttp.bearer(simulator.apiKey()),
                "{\"name\":\"/\"}");
        JsonNode file = RawHttp.json(created);
        Map<String, String> fields = new LinkedHashMap<>();
        file.path("uploadFields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));

        HttpResponse<String> upload = RawHttp.postForm(file.path("uploadUrl").asString(), fields,
                "slash".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> read = get("files/" + file.path("id").asLong());
        HttpResponse<byte[]> download = RawHttp.getBytes(RawHttp.json(read).path("downloadUrl").asString());

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(upload.statusCode()).isEqualTo(204);
        assertThat(RawHttp.json(read).path("name").asString()).isEqualTo("/");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("slash");
    }

    private static void assertRejected(String rule, String field) {
        HttpResponse<String> response = admin("POST", rule);
        try {
            assertThat(response.statusCode()).as(rule).isEqualTo(400);
            assertThat(RawHttp.json(response).path("errorDescription").asString()).as(rule).contains(field);
            assertThat(RawHttp.json(admin("GET", null)).path("rules")).as("rules after " + rule).isEmpty();
            assertThat(get("credentials").statusCode()).as("a call after " + rule).isEqualTo(200);
        }
        finally {
            admin("DELETE", null);
        }
    }

    private static HttpResponse<String> admin(String verb, String body) {
        return RawHttp.send(verb, simulator.baseUrl() + "_simulator/faults", null, body);
    }

    private static List<String> tableNames(String filter, String value) {
        HttpResponse<String> response = get("tables?" + filter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET /tables?" + filter + "=" + value + ": " + response.body())
            .isEqualTo(200);
        List<String> names = new ArrayList<>();
        RawHttp.json(response).forEach(t -> names.add(t.path("schema").asString() + "." + t.path("name").asString()));
        return names;
    }

    private static HttpResponse<String> get(String path) {
        return RawHttp.send("GET", simulator.baseUrl() + path, RawHttp.bearer(simulator.apiKey()), null);
    }
}
