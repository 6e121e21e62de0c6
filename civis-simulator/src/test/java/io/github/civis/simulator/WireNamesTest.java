package io.github.civis.simulator;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator reads query parameters and body keys in snake_case and camelCase alike, as the
 * Civis API does, applies the documented filters of list routes, and answers an empty page
 * past the last one: a client paging the way civis-python does (snake_case {@code page_num},
 * until an empty page) ends.
 */
class WireNamesTest {

    private static final String ALICE = "alice-key";

    private static final String BOB = "bob-key";

    private static CivisSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = CivisSimulator.builder().apiKey("civis-simulator-test-key").runStep(Duration.ZERO)
            .apiKey(ALICE, "alice")
            .apiKey(BOB, "bob")
            .runStep(Duration.ZERO)
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
    void pagingWithSnakeCaseNamesEndsOnAnEmptyPage() {
        String type = "Custom";
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(post(ALICE, "credentials", "{\"type\": \"" + type + "\", \"name\": \"paged " + i
                    + "\", \"username\": \"u\", \"password\": \"p\", \"remote_host_id\": 9101}").path("id").asLong());
        }

        // civis-python's iterator: page_num 1, 2, … with the same limit until a page comes back empty.
        List<Long> seen = new ArrayList<>();
        int requests = 0;
        for (int page = 1; page <= 20; page++) {
            requests++;
            JsonNode answer = get(ALICE, "credentials?remote_host_id=9101&limit=2&page_num=" + page);
            if (answer.isEmpty()) {
                break;
            }
            answer.forEach(credential -> seen.add(credential.path("id").asLong()));
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        assertThat(requests).as("three pages of 2, 2 and 1, then the empty page").isEqualTo(4);
    }

    @Test
    void camelCaseAndSnakeCaseQueryNamesAreTheSameParameter() {
        for (int i = 0; i < 3; i++) {
            post(ALICE, "credentials", "{\"type\": \"Custom\", \"name\": \"cased " + i
                    + "\", \"username\": \"u\", \"password\": \"p\", \"remoteHostId\": 9202}");
        }

        JsonNode snake = get(ALICE, "credentials?remote_host_id=9202&limit=2&page_num=2&order_dir=asc");
        JsonNode camel = get(ALICE, "credentials?remoteHostId=9202&limit=2&pageNum=2&orderDir=asc");

        assertThat(snake).hasSize(1);
        assertThat(snake.get(0).path("name").asString()).isEqualTo("cased 2");
        assertThat(camel).isEqualTo(snake);
    }

    @Test
    void snakeCaseBodyKeysAreReadAtEveryDeclaredDepth() {
        JsonNode workflow = post(ALICE, "workflows", """
                {"name": "nightly", "allow_concurrent_executions": true, "time_zone": "Europe/Paris",
                 "schedule": {"scheduled": true, "scheduled_days": [1, 3], "scheduled_hours": [4]}}""");

        JsonNode stored = get(ALICE, "workflows/" + workflow.path("id").asLong());

        assertThat(stored.path("allowConcurrentExecutions").asBoolean()).isTrue();
        assertThat(stored.path("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(stored.path("schedule").path("scheduledDays")).extracting(JsonNode::asInt).containsExactly(1, 3);
        assertThat(stored.path("schedule").path("scheduledHours")).extracting(JsonNode::asInt).containsExactly(4);
    }

    @Test
    void documentedFiltersOfAListRouteApply() {
        long database = post(ALICE, "credentials", "{\"type\": \"Database\", \"name\": \"Warehouse login\","
                + " \"username\": \"u\", \"password\": \"p\", \"remote_host_id\": 9303}").path("id").asLong();
        long custom = post(ALICE, "credentials", "{\"type\": \"Custom\", \"name\": \"Custom token\","
                + " \"username\": \"u\", \"password\": \"p\", \"remote_host_id\": 9303}").path("id").asLong();

        assertThat(ids(get(ALICE, "credentials?remote_host_id=9303&type=Database"))).containsExactly(database);
        assertThat(ids(get(ALICE, "credentials?remote_host_id=9303&type=Database,Custom")))
            .containsExactlyInAnyOrder(database, custom);
        // "will return any full name containing the search string"
        assertThat(ids(get(ALICE, "credentials?remote_host_id=9303&name=house"))).containsExactly(database);
        assertThat(ids(get(ALICE, "credentials?remote_host_id=9304"))).isEmpty();
    }

    @Test
    void stateAuthorArchivedAndHiddenFiltersApply() {
        long succeeded = post(ALICE, "scripts/sql", sqlScript("ok", "SELECT 1")).path("id").asLong();
        long failed = post(ALICE, "scripts/sql", sqlScript("broken", "SELECT FAIL")).path("id").asLong();
        long bobs = post(BOB, "scripts/sql", sqlScript("bob's", "SELECT 2")).path("id").asLong();
        long hidden = post(BOB, "scripts/sql", sqlScript("hidden", "SELECT 3").replace("{", "{\"hidden\": true, "))
            .path("id").asLong();
        post(ALICE, "scripts/sql/" + succeeded + "/runs", "{}");
        post(ALICE, "scripts/sql/" + failed + "/runs", "{}");
        long alice = get(ALICE, "users/me").path("id").asLong();
        long bob = get(BOB, "users/me").path("id").asLong();

        assertThat(ids(get(ALICE, "jobs?state[]=failed&limit=50"))).contains(failed).doesNotContain(succeeded, bobs);
        assertThat(ids(get(ALICE, "jobs?state=succeeded,failed&limit=50"))).contains(succeeded, failed)
            .doesNotContain(bobs);
        assertThat(ids(get(ALICE, "scripts?author=" + bob + "&limit=50")))
            .as("hidden items are left out unless asked for (documented default hidden=false)")
            .containsExactly(bobs);
        assertThat(ids(get(ALICE, "scripts?author=" + bob + "&hidden=true&limit=50"))).containsExactly(hidden);
        assertThat(ids(get(ALICE, "scripts?author=" + alice + "," + bob + "&limit=50")))
            .contains(succeeded, failed, bobs);

        put(ALICE, "scripts/sql/" + failed + "/archive", "{\"status\": true}");
        assertThat(ids(get(ALICE, "scripts?author=" + alice + "&archived=true&limit=50"))).containsExactly(failed);
        assertThat(ids(get(ALICE, "scripts?author=" + alice + "&archived=false&limit=50"))).containsExactly(succeeded);
        assertThat(ids(get(ALICE, "scripts?author=" + alice + "&archived=all&limit=50")))
            .containsExactlyInAnyOrder(succeeded, failed);
    }

    private static String sqlScript(String name, String sql) {
        return "{\"name\": \"" + name + "\", \"sql\": \"" + sql + "\", \"remote_host_id\": 1, \"credential_id\": 1}";
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(element -> ids.add(element.path("id").asLong()));
        return ids;
    }

    private static JsonNode get(String key, String pathAndQuery) {
        HttpResponse<String> response = RawHttp.send("GET", simulator.baseUrl() + encodeBrackets(pathAndQuery),
                RawHttp.bearer(key), null);
        assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        return RawHttp.json(response);
    }

    private static JsonNode post(String key, String path, String body) {
        HttpResponse<String> response = RawHttp.send("POST", simulator.baseUrl() + path, RawHttp.bearer(key), body);
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isBetween(200, 202);
        return RawHttp.json(response);
    }

    private static void put(String key, String path, String body) {
        HttpResponse<String> response = RawHttp.send("PUT", simulator.baseUrl() + path, RawHttp.bearer(key), body);
        assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isEqualTo(200);
    }

    /** {@code []} is not allowed raw in a URI; clients send it percent-encoded. */
    private static String encodeBrackets(String pathAndQuery) {
        return pathAndQuery.replace("[]", URLEncoder.encode("[]", StandardCharsets.UTF_8));
    }
}
