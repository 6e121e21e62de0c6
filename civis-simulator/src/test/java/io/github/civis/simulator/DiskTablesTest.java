package io.github.civis.simulator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.civis.simulator.sql.Seed;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Imported tables on disk. Their disk space is capped: an import beyond the cap fails its run
 * with a message naming the limit and the way to raise it, leaves the table as it was, and the
 * space of replaced tables and failed imports is given back. Reading them holds no file open
 * once a query has what it needs.
 */
class DiskTablesTest {

    private static final long LIMIT = 4096;

    private static CivisSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = CivisSimulator.builder().apiKey("civis-simulator-test-key").runStep(Duration.ZERO)
            .runStep(Duration.ZERO)
            .maxTableBytes(LIMIT)
            .seed(new Seed().database("warehouse"))
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
    void anImportBeyondTheLimitFailsItsRunNamingTheLimitAndLeavesTheTableAsItWas() {
        assertThat(importCsv(csv(10), "drop").path("state").asString()).isEqualTo("succeeded");

        JsonNode failed = importCsv(csv(500), "truncate");

        assertThat(failed.path("state").asString()).isEqualTo("failed");
        assertThat(failed.path("error").asString()).contains("demo.capped", "limit of " + LIMIT + " bytes",
                "--max-table-bytes");
        assertThat(table().path("rowCount").asLong()).isEqualTo(10);
        assertThat(preview().toString()).isEqualTo("[[\"1\",\"row 1\"]]");
        assertThat(simulator.databases().files().usedBytes()).isLessThan(LIMIT / 4);
    }

    @Test
    void replacedTablesAndFailedImportsGiveTheirSpaceBack() {
        // Each import takes about a seventh of the limit: without the space given back, the eighth would fail.
        for (int i = 0; i < 12; i++) {
            JsonNode run = importCsv(csv(30), (i % 2 == 0) ? "drop" : "truncate");
            assertThat(run.path("state").asString()).as("import " + (i + 1) + ": " + run).isEqualTo("succeeded");
            assertThat(importCsv(csv(1000), "truncate").path("state").asString()).isEqualTo("failed");
        }

        assertThat(table().path("rowCount").asLong()).isEqualTo(30);
    }

    @Test
    void queryPreviewsLeaveNoTableFileOpen() throws Exception {
        Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "needs /proc/self/fd to count open files");
        assertThat(importCsv(csv(100), "drop").path("state").asString()).isEqualTo("succeeded");

        for (int i = 0; i < 40; i++) {
            assertThat(preview()).hasSize(1);
        }

        assertThat(openTableFiles(descriptors)).isEmpty();
    }

    /** The table files this process has open. */
    private static List<String> openTableFiles(Path descriptors) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> entries = Files.list(descriptors)) {
            for (Path entry : entries.toList()) {
                try {
                    String target = Files.readSymbolicLink(entry).toString();
                    if (target.contains("civis-simulator-tables-")) {
                        open.add(target);
                    }
                }
                catch (IOException ex) {
                    // closed while listing
                }
            }
        }
        return open;
    }

    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(",row ").append(i).append('\n');
        }
        return csv.toString();
    }

    private static JsonNode importCsv(String csv, String existingTableRows) {
        JsonNode file = RawHttp.json(call("POST", "files", "{\"name\":\"in.csv\"}"));
        Map<String, String> fields = new LinkedHashMap<>();
        file.path("uploadFields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        HttpResponse<String> upload = RawHttp.postForm(file.path("uploadUrl").asString(), fields,
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as("upload of " + file + ": " + upload.body()).isEqualTo(204);
        JsonNode job = RawHttp.json(call("POST", "imports/files/csv", "{\"source\":{\"fileIds\":["
                + file.path("id").asLong() + "]},\"destination\":{\"remoteHostId\":" + database()
                + ",\"schema\":\"demo\",\"table\":\"capped\"},\"firstRowIsHeader\":true,\"existingTableRows\":\""
                + existingTableRows + "\"}"));
        long jobId = job.path("id").asLong();
        long runId = RawHttp.json(call("POST", "imports/files/csv/" + jobId + "/runs", null)).path("id").asLong();
        return RawHttp.json(call("GET", "imports/files/csv/" + jobId + "/runs/" + runId, null));
    }

    private static JsonNode table() {
        return RawHttp.json(call("GET", "tables?name=capped", null)).get(0);
    }

    private static JsonNode preview() {
        return RawHttp.json(call("POST", "queries", "{\"database\":" + database()
                + ",\"sql\":\"SELECT * FROM demo.capped LIMIT 1\",\"previewRows\":1}")).path("resultRows");
    }

    private static long database() {
        return RawHttp.json(call("GET", "databases", null)).get(0).path("id").asLong();
    }

    private static HttpResponse<String> call(String verb, String path, String body) {
        HttpResponse<String> response = RawHttp.send(verb, simulator.baseUrl() + path, RawHttp.bearer(simulator.apiKey()), body);
        assertThat(response.statusCode()).as(verb + " /" + path + ": " + response.body()).isLessThan(300);
        return response;
    }
}
