package io.github.civis.simulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imported tables live on disk, not in the simulator's heap: a simulator with a 64 MB heap
 * imports a CSV four times that size through the HTTP API, then answers queries over it and
 * exports every row. The process exits on any {@link OutOfMemoryError}, so that running out
 * of heap anywhere fails the test.
 */
class SmallHeapTablesTest {

    private static final long ROWS = 1_200_000;

    private static final String KEY = "small-heap-key";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void importsQueriesAndExportsATableFourTimesLargerThanTheHeap(@TempDir Path temporary) throws Exception {
        Path csv = temporary.resolve("big.csv");
        writeCsv(csv);
        assertThat(Files.size(csv)).as("the CSV, bytes").isGreaterThan(4L * 64 * 1024 * 1024);
        Path simulatorTemporary = Files.createDirectory(temporary.resolve("simulator"));

        try (ForkedSimulator simulator = ForkedSimulator.start(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + simulatorTemporary), "--api-key", KEY, "--run-step-millis", "0")) {
            String base = simulator.baseUrl();
            assertThat(RawHttp.send("POST", base + "_simulator/seed", null, "{\"databases\":[{\"name\":\"warehouse\"}]}")
                .statusCode()).isEqualTo(204);
            long database = RawHttp.json(call(base, "GET", "databases", null)).get(0).path("id").asLong();

            long fileId = upload(base, csv);
            JsonNode job = RawHttp.json(call(base, "POST", "imports/files/csv", "{\"source\":{\"fileIds\":[" + fileId
                    + "]},\"destination\":{\"remoteHostId\":" + database + ",\"credentialId\":1,\"schema\":\"demo\","
                    + "\"table\":\"big\"},\"firstRowIsHeader\":true,\"existingTableRows\":\"drop\"}"));
            JsonNode started = RawHttp.json(call(base, "POST", "imports/files/csv/" + job.path("id").asLong() + "/runs",
                    null));
            JsonNode run = RawHttp.json(call(base, "GET", "imports/files/csv/" + job.path("id").asLong() + "/runs/"
                    + started.path("id").asLong(), null));

            assertThat(run.path("state").asString()).as(run.toString()).isEqualTo("succeeded");
            JsonNode table = RawHttp.json(call(base, "GET", "tables?name=big", null)).get(0);
            assertThat(table.path("rowCount").asLong()).isEqualTo(ROWS);

            JsonNode query = RawHttp.json(call(base, "POST", "queries", "{\"database\":" + database
                    + ",\"sql\":\"SELECT id, name FROM demo.big LIMIT 2\",\"previewRows\":2}"));
            assertThat(query.path("resultRows").toString()).isEqualTo("[[\"1\",\"name 1\"],[\"2\",\"name 2\"]]");

            // Every row read back from disk: the export of the id column, gzip as the platform's default.
            JsonNode script = RawHttp.json(call(base, "POST", "scripts/sql", "{\"name\":\"ids\",\"remoteHostId\":"
                    + database + ",\"credential\":1,\"sql\":\"SELECT id FROM demo.big\"}"));
            long scriptId = script.path("id").asLong();
            long runId = RawHttp.json(call(base, "POST", "scripts/sql/" + scriptId + "/runs", null)).path("id").asLong();
            JsonNode done = RawHttp.json(call(base, "GET", "scripts/sql/" + scriptId + "/runs/" + runId, null));
            assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
            assertThat(countAndLastId(done.path("output").get(0).path("path").asString()))
                .containsExactly(ROWS + 1, ROWS);

            assertThat(call(base, "GET", "users/me", null).statusCode()).isEqualTo(200);
            assertThat(simulator.isAlive()).as(simulator.output()).isTrue();
        }
    }

    /** {@value #ROWS} rows of about 230 bytes: id, name, a note. */
    private static void writeCsv(Path csv) throws IOException {
        String note = "n".repeat(210);
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("id,name,note\n");
            for (long i = 1; i <= ROWS; i++) {
                out.write(i + ",name " + i + "," + note + "\n");
            }
        }
    }

    /** Creates a file and uploads the CSV through its presigned form, streamed from disk. */
    private static long upload(String base, Path csv) throws Exception {
        JsonNode file = RawHttp.json(call(base, "POST", "files", "{\"name\":\"big.csv\"}"));
        String boundary = "----civis-small-heap";
        StringBuilder head = new StringBuilder();
        file.path("uploadFields").properties().forEach(e -> head.append("--").append(boundary)
            .append("\r\nContent-Disposition: form-data; name=\"").append(e.getKey()).append("\"\r\n\r\n")
            .append(e.getValue().asString()).append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; ")
            .append("filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n");
        HttpRequest request = HttpRequest.newBuilder(URI.create(file.path("uploadUrl").asString()))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head.toString()),
                    HttpRequest.BodyPublishers.ofFile(csv),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
            .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        return file.path("id").asLong();
    }

    /** The number of lines of a gzip CSV download and the value of its last line, read as they arrive. */
    private static List<Long> countAndLastId(String url) throws Exception {
        HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long lines = 0;
        String last = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(response.body()),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                last = line;
            }
        }
        return List.of(lines, Long.parseLong(last));
    }

    /** An API call with a timeout long enough for an import of the whole file (it runs when the run starts). */
    private static HttpResponse<String> call(String base, String verb, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + KEY)
            .method(verb, (body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(verb + " /" + path + ": " + response.body()).isLessThan(300);
        return response;
    }
}
