package io.github.civis.simulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.civis.simulator.state.RunOutcome;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import io.github.civis.testsupport.ManualClock;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator as a third-party client sees it, through raw HTTP only: forms whose every part
 * carries a file name, ids followed from one answer to the next call, dates compared with the
 * simulator's clock, export options read back from the files the runs leave.
 */
class PlatformFidelityTest {

    private static final String KEY = "fidelity-key";

    private static final String DB = "redshift-general";

    /** Far from any sample date, so that a date not taken from the clock shows. */
    private static final Instant START = Instant.parse("2031-05-05T10:00:00Z");


    private ManualClock clock;

    private CivisSimulator simulator;

    @BeforeEach
    void start() {
        clock = new ManualClock(START);
        simulator = CivisSimulator.builder().apiKey(KEY).clock(clock).runStep(Duration.ofSeconds(10))
            .seed(new Seed().database(DB).table(DB, "demo.cities", List.of("name", "population"),
                    List.of(List.of("Boston", "650000"), List.of("Denver", "715000"), List.of("Austin", "960000"))))
            .build().start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    // ---- presigned upload forms

    @Test
    void uploadFormWhoseEveryPartCarriesAFileNameIsStored() {
        JsonNode file = json(call("POST", "files", "{\"name\":\"cities.csv\"}"), 201);
        Map<String, String> fields = new LinkedHashMap<>();
        file.get("uploadFields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        byte[] content = "name,population\nBoston,650000\n".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> upload = RawHttp.postForm(file.get("uploadUrl").asString(), fields, content, true);
        JsonNode stored = json(call("GET", "files/" + file.get("id").asLong(), null), 200);

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        assertThat(stored.get("fileSize").asLong()).isEqualTo(content.length);
        assertThat(RawHttp.getBytes(stored.get("downloadUrl").asString()).body()).isEqualTo(content);
    }

    // ---- ids that name what they say

    @Test
    void importRunIdNamesTheRunItStarted() {
        long importId = json(call("POST", "imports", "{\"name\":\"nightly\",\"syncType\":\"AutoImport\","
                + "\"isOutbound\":false}"), 201).get("id").asLong();

        JsonNode started = json(call("POST", "imports/" + importId + "/runs", null), 202);
        long runId = started.get("runId").asLong();
        HttpResponse<String> run = call("GET", "jobs/" + importId + "/runs/" + runId, null);
        JsonNode listed = json(call("GET", "imports/" + importId + "/runs", null), 200);
        HttpResponse<String> logs = call("GET", "imports/" + importId + "/runs/" + runId + "/logs", null);

        assertThat(runId).isNotEqualTo(importId);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(json(run, 200).get("id").asLong()).isEqualTo(runId);
        assertThat(ids(listed)).containsExactly(runId);
        assertThat(logs.statusCode()).isEqualTo(200);
    }

    @Test
    void preprocessJobRunsAndDescribesTheFileItRead() {
        long fileId = upload("cities.psv", ("name|population|founded|area\nBoston|650000|1630-09-07|232.1\n"
                + "Denver|715000|1858-11-17|401.3\n").getBytes(StandardCharsets.UTF_8));

        JsonNode job = json(call("POST", "files/preprocess/csv", "{\"fileId\":" + fileId
                + ",\"detectTableColumns\":true,\"inPlace\":false}"), 201);
        long jobId = job.get("id").asLong();
        HttpResponse<String> started = call("POST", "jobs/" + jobId + "/runs", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        long runId = json(started, 201).get("id").asLong();
        clock.advance(Duration.ofSeconds(20));
        JsonNode run = json(call("GET", "jobs/" + jobId + "/runs/" + runId, null), 200);
        JsonNode outputs = json(call("GET", "jobs/" + jobId + "/runs/" + runId + "/outputs", null), 200);
        JsonNode preprocessed = json(call("GET", "files/preprocess/csv/" + jobId, null), 200);
        long cleanedId = outputs.get(0).get("objectId").asLong();
        JsonNode cleaned = json(call("GET", "files/" + cleanedId, null), 200);

        assertThat(run.get("state").asString()).isEqualTo("succeeded");
        assertThat(preprocessed.get("includeHeader").asBoolean()).isTrue();
        assertThat(preprocessed.get("columnDelimiter").asString()).isEqualTo("pipe");
        assertThat(outputs.get(0).get("objectType").asString()).isEqualTo("File");
        assertThat(cleanedId).isNotEqualTo(fileId);
        JsonNode detected = cleaned.get("detectedInfo");
        assertThat(detected.get("includeHeader").asBoolean()).isTrue();
        assertThat(detected.get("columnDelimiter").asString()).isEqualTo("pipe");
        assertThat(detected.get("compression").asString()).isEqualTo("none");
        assertThat(detected.get("tableColumns").findValuesAsString("name"))
            .containsExactly("name", "population", "founded", "area");
        assertThat(detected.get("tableColumns").findValuesAsString("sqlType"))
            .containsExactly("VARCHAR(6)", "INTEGER", "DATE", "DOUBLE PRECISION");
        assertThat(RawHttp.getBytes(cleaned.get("downloadUrl").asString()).body())
            .isEqualTo(RawHttp.getBytes(json(call("GET", "files/" + fileId, null), 200).get("downloadUrl").asString())
                .body());
    }

    @Test
    void fileThatWasNeverPreprocessedDetectsNothing() {
        long fileId = upload("plain.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));

        JsonNode file = json(call("GET", "files/" + fileId, null), 200);

        assertThat(file.get("detectedInfo").isNull()).as(file.toString()).isTrue();
    }

    @Test
    void outputAddedToARunNamesAndLinksTheObject() {
        long fileId = upload("summary.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        long jobId = json(call("POST", "scripts/containers", "{\"name\":\"c\",\"dockerCommand\":\"true\","
                + "\"dockerImageName\":\"img\",\"requiredResources\":{\"cpu\":1,\"memory\":1}}"), 201).get("id").asLong();
        long runId = json(call("POST", "jobs/" + jobId + "/runs", null), 201).get("id").asLong();

        JsonNode added = json(call("POST", "scripts/containers/" + jobId + "/runs/" + runId + "/outputs",
                "{\"objectType\":\"File\",\"objectId\":" + fileId + "}"), 202);
        JsonNode listed = json(call("GET", "jobs/" + jobId + "/runs/" + runId + "/outputs", null), 200);

        assertThat(added.get("name").asString()).isEqualTo("summary.csv");
        assertThat(added.get("link").asString()).isEqualTo(simulator.baseUrl() + "files/" + fileId);
        assertThat(listed.get(0).get("objectId").asLong()).isEqualTo(fileId);
        assertThat(json(call("GET", added.get("link").asString().substring(simulator.baseUrl().length()), null), 200)
            .get("id").asLong()).isEqualTo(fileId);
    }

    // ---- dates on the simulator's clock

    @Test
    void scriptedOutputFilesExpireAfterTheClockAndCanBeDownloaded() {
        JsonNode script = json(call("POST", "scripts/python3", "{\"name\":\"report\",\"source\":\"print(1)\"}"), 201);
        long jobId = script.get("id").asLong();
        byte[] report = "total\n3\n".getBytes(StandardCharsets.UTF_8);
        simulator.runOutcome(jobId, RunOutcome.succeeded().fileOutput("report.csv", report));

        long runId = json(call("POST", "jobs/" + jobId + "/runs", null), 201).get("id").asLong();
        JsonNode outputs = json(call("GET", "scripts/python3/" + jobId + "/runs/" + runId + "/outputs", null), 200);
        JsonNode file = json(call("GET", "files/" + outputs.get(0).get("objectId").asLong(), null), 200);

        assertThat(instant(file.get("createdAt"))).isEqualTo(START);
        assertThat(instant(file.get("expiresAt"))).isAfter(START);
        assertThat(file.get("downloadUrl").isString()).as(file.toString()).isTrue();
        assertThat(RawHttp.getBytes(file.get("downloadUrl").asString()).body()).isEqualTo(report);
    }

    @Test
    void everyDateOfTheWorkflowsComesFromTheClock() {
        List<JsonNode> answers = new ArrayList<>();
        JsonNode script = json(call("POST", "scripts/python3", "{\"name\":\"py\",\"source\":\"print(1)\"}"), 201);
        answers.add(script);
        long jobId = script.get("id").asLong();
        answers.add(json(call("GET", "scripts/python3/" + jobId, null), 200));
        answers.add(json(call("GET", "jobs/" + jobId, null), 200));
        long runId = json(call("POST", "jobs/" + jobId + "/runs", null), 201).get("id").asLong();
        clock.advance(Duration.ofSeconds(30));
        answers.add(json(call("GET", "jobs/" + jobId + "/runs/" + runId, null), 200));
        answers.add(json(call("GET", "scripts/python3/" + jobId, null), 200));
        answers.add(json(call("GET", "scripts", null), 200));
        answers.add(json(call("POST", "files", "{\"name\":\"x.csv\"}"), 201));
        answers.add(json(call("POST", "imports/files/csv", "{\"name\":\"load\"}"), 201));
        answers.add(json(call("POST", "exports/files/csv", "{\"name\":\"dump\"}"), 201));
        answers.add(json(call("POST", "templates/scripts", "{\"name\":\"tpl\",\"scriptId\":" + jobId + "}"), 201));
        answers.add(json(call("POST", "queries", "{\"database\":" + databaseId()
                + ",\"sql\":\"SELECT * FROM demo.cities\",\"previewRows\":1}"), 200));
        Instant now = clock.instant();

        List<String> dates = new ArrayList<>();
        answers.forEach(answer -> collectDates(answer, "", dates));

        assertThat(dates).isNotEmpty();
        for (String date : dates) {
            String value = date.substring(date.indexOf('=') + 1);
            assertThat(instant(value)).as(date).isBetween(START, now.plus(Duration.ofDays(31)));
        }
    }

    @Test
    void newJobsHaveNoLastRunUntilTheyRun() {
        JsonNode script = json(call("POST", "scripts/python3", "{\"name\":\"py\",\"source\":\"print(1)\"}"), 201);
        long jobId = script.get("id").asLong();

        JsonNode job = json(call("GET", "jobs/" + jobId, null), 200);

        assertThat(script.get("lastRun").isNull()).as(script.toString()).isTrue();
        assertThat(job.get("lastRun").isNull()).as(job.toString()).isTrue();
    }

    // ---- export options

    @Test
    void forceMultifileLeavesTheManifestOfDownloadableParts() {
        long dbId = databaseId();
        JsonNode script = json(call("POST", "scripts/sql", "{\"name\":\"dump\",\"sql\":\"SELECT * FROM demo.cities\","
                + "\"remoteHostId\":" + dbId + ",\"credentialId\":1,\"csvSettings\":{\"forceMultifile\":true,"
                + "\"compression\":\"none\",\"columnDelimiter\":\"pipe\"}}"), 201);
        long jobId = script.get("id").asLong();

        long runId = json(call("POST", "scripts/sql/" + jobId + "/runs", null), 202).get("id").asLong();
        clock.advance(Duration.ofSeconds(30));
        JsonNode run = json(call("GET", "scripts/sql/" + jobId + "/runs/" + runId, null), 200);
        JsonNode output = run.get("output").get(0);
        JsonNode manifest = RawHttp.JSON.readTree(RawHttp.getBytes(output.get("path").asString()).body());

        assertThat(manifest.get("query").asString()).isEqualTo("SELECT * FROM demo.cities");
        assertThat(manifest.get("header").valueStream().map(JsonNode::asString).toList())
            .containsExactly("name", "population");
        assertThat(manifest.get("unquoted").asBoolean()).isFalse();
        assertThat(manifest.get("compression").asString()).isEqualTo("none");
        assertThat(manifest.get("delimiter").asString()).isEqualTo("|");
        assertThat(manifest.get("entries")).isNotEmpty();
        StringBuilder rows = new StringBuilder();
        for (JsonNode entry : manifest.get("entries")) {
            assertThat(entry.get("url").asString()).startsWith("s3://");
            JsonNode file = json(call("GET", "files/" + entry.get("id").asLong(), null), 200);
            byte[] part = RawHttp.getBytes(entry.get("url_signed").asString()).body();
            assertThat(file.get("name").asString()).isEqualTo(entry.get("name").asString());
            assertThat(entry.get("size").asLong()).isEqualTo(part.length).isEqualTo(file.get("fileSize").asLong());
            rows.append(new String(part, StandardCharsets.UTF_8));
        }
        assertThat(rows.toString()).isEqualTo("Boston|650000\nDenver|715000\nAustin|960000\n");
    }

    @Test
    void csvExportRunLeavesItsFileWithTheExportOptions() {
        long dbId = databaseId();
        long exportId = json(call("POST", "exports/files/csv", "{\"name\":\"dump\",\"source\":{\"sql\":"
                + "\"SELECT name FROM demo.cities\",\"remoteHostId\":" + dbId + ",\"credentialId\":1},"
                + "\"compression\":\"none\",\"columnDelimiter\":\"tab\",\"includeHeader\":true}"), 201).get("id").asLong();

        long runId = json(call("POST", "exports/files/csv/" + exportId + "/runs", null), 202).get("id").asLong();
        clock.advance(Duration.ofSeconds(30));
        JsonNode outputs = json(call("GET", "exports/files/csv/" + exportId + "/runs/" + runId + "/outputs", null), 200);
        JsonNode file = json(call("GET", "files/" + outputs.get(0).get("objectId").asLong(), null), 200);

        assertThat(outputs.get(0).get("objectType").asString()).isEqualTo("File");
        assertThat(new String(RawHttp.getBytes(file.get("downloadUrl").asString()).body(), StandardCharsets.UTF_8))
            .isEqualTo("name\nBoston\nDenver\nAustin\n");
    }

    // ---- helpers

    private long databaseId() {
        return json(call("GET", "databases", null), 200).get(0).get("id").asLong();
    }

    private long upload(String name, byte[] content) {
        JsonNode file = json(call("POST", "files", "{\"name\":\"" + name + "\"}"), 201);
        Map<String, String> fields = new LinkedHashMap<>();
        file.get("uploadFields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        assertThat(RawHttp.postForm(file.get("uploadUrl").asString(), fields, content).statusCode()).isEqualTo(204);
        return file.get("id").asLong();
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(element -> ids.add(element.get("id").asLong()));
        return ids;
    }

    /** Every string of the answer that reads as a date and time, as {@code path=value}. */
    private static void collectDates(JsonNode node, String path, List<String> dates) {
        if (node.isObject()) {
            node.properties().forEach(e -> collectDates(e.getValue(), path + "." + e.getKey(), dates));
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDates(node.get(i), path + "[" + i + "]", dates);
            }
        }
        else if (node.isString() && node.asString().matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
            dates.add(path + "=" + node.asString());
        }
    }

    private static Instant instant(JsonNode node) {
        return instant(node.asString());
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return RawHttp.send(method, simulator.baseUrl() + path, RawHttp.bearer(KEY), body);
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return RawHttp.json(response);
    }
}
