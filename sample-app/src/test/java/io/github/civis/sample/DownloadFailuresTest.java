package io.github.civis.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ContentDisposition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.api.FilesApi;
import io.github.civis.client.files.CivisFileTransfers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code GET /files/{id}} and {@code GET /sql/stream} when the storage fails, over real HTTP with
 * bounded client timeouts: the answer is a complete 502 problem when nothing went out yet, a
 * transfer the client sees broken at once otherwise, never a body cut to a {@code Content-Length}
 * it does not have nor one the client waits on. Also: a client that goes away is one line in the
 * log, file names outside Latin-1 survive as RFC 6266 {@code filename*}, and an upload named
 * {@code /} is stored under a usable name. Storage failures come from the simulator's fault rules;
 * the client is set not to retry, so that one fault is one failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "civis.retry.max-attempts=1", "civis.retry.max-connection-failure-attempts=1" })
@ExtendWith(OutputCaptureExtension.class)
class DownloadFailuresTest {

    /** Far beyond what a prompt answer needs; a client left waiting runs into it and the test fails. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String DOWNLOAD_ROUTE = "\"verb\":\"GET\",\"route\":\"/download/{token}\"";

    @LocalServerPort
    int port;

    @Value("${civis.base-url}")
    String simulatorUrl;

    @Value("${civis.api-key}")
    String apiKey;

    @Autowired
    FilesApi files;

    @Autowired
    CivisFileTransfers transfers;

    @TempDir
    Path temporary;

    @Test
    void storageFailingBeforeTheFirstByteIsACompleteBadGatewayProblem() throws Exception {
        long id = upload(randomBytes(256 * 1024), "data.bin");

        HttpResponse<byte[]> answer = withFault("{\"status\":503," + DOWNLOAD_ROUTE + "}", () -> get("/files/" + id));

        assertCompleteBadGatewayProblem(answer);
        assertThat(answer.headers().firstValue("Content-Disposition")).as("not the file's headers").isEmpty();
    }

    @Test
    void aSqlResultWhoseDownloadFailsIsACompleteBadGatewayProblem() throws Exception {
        HttpResponse<byte[]> answer = withFault("{\"status\":503," + DOWNLOAD_ROUTE + "}",
                () -> get("/sql/stream?sql=" + URLEncoder.encode("SELECT * FROM demo.cities", StandardCharsets.UTF_8)));

        assertCompleteBadGatewayProblem(answer);
    }

    @Test
    void storageDroppingMidBodyEndsInABrokenTransferOrACompleteAnswerPromptly() throws Exception {
        byte[] content = randomBytes(2 * 1024 * 1024);
        long id = upload(content, "large.bin");

        withFault("{\"kind\":\"drop\"," + DOWNLOAD_ROUTE + "}", () -> {
            try {
                HttpResponse<byte[]> answer = get("/files/" + id);
                if (answer.statusCode() == 200) {
                    assertThat(answer.body()).as("a complete answer has every byte").isEqualTo(content);
                }
                else {
                    assertCompleteBadGatewayProblem(answer);
                }
            }
            catch (HttpTimeoutException ex) {
                fail("The client was left waiting for the rest of the body", ex);
            }
            catch (IOException broken) {
                // The transfer broke visibly: what a download cut short must look like.
                assertThat(broken).hasMessageNotContaining("timed out");
            }
            return null;
        });
    }

    @Test
    void aClientThatGoesAwayDuringADownloadIsOneLineInTheLog(CapturedOutput output) throws Exception {
        long id = upload(randomBytes(24 * 1024 * 1024), "big.bin");

        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout((int) CLIENT_TIMEOUT.toMillis());
            OutputStream request = socket.getOutputStream();
            request.write(("GET /files/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
            socket.setSoLinger(true, 0);
        }
        String line = "Sending file " + id + " stopped after";
        for (int i = 0; i < 300 && !output.getAll().contains(line); i++) {
            Thread.sleep(100);
        }

        assertThat(output.getAll()).contains(line).contains("the client went away");
        assertThat(output.getAll().lines().filter(l -> l.startsWith("\tat ")))
            .as("no stack trace for a client that went away")
            .isEmpty();
    }

    @Test
    void aFileNameOutsideLatin1IsSentAsFilenameStar() throws Exception {
        String name = "отчёт 2024 €\"q\".csv";
        long id = upload("a,b\n".getBytes(StandardCharsets.UTF_8), name);

        HttpResponse<byte[]> answer = get("/files/" + id);

        assertThat(answer.statusCode()).isEqualTo(200);
        String header = answer.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(header).startsWith("attachment; filename=\"").contains("filename*=UTF-8''");
        assertThat(header.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("plain ASCII: " + header).isTrue();
        assertThat(ContentDisposition.parse(header).getFilename()).isEqualTo(name);
    }

    @Test
    void anUploadNamedSlashIsStoredUnderAUsableName() throws Exception {
        String boundary = "sample-boundary-42";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"/\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/files"))
            .timeout(CLIENT_TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(answer.body());
        assertThat(created.path("name").asString()).isEqualTo("upload.bin");
        assertThat(this.files.get(created.path("id").asLong()).name()).isEqualTo("upload.bin");
    }

    @Test
    void uploadedNamesLoseTheirDirectories() {
        assertThat(FilesController.fileName("C:\\Users\\me\\report.csv")).isEqualTo("report.csv");
        assertThat(FilesController.fileName("a/b/c.txt")).isEqualTo("c.txt");
        assertThat(FilesController.fileName("..")).isEqualTo("upload.bin");
        assertThat(FilesController.fileName("dir/ ")).isEqualTo("upload.bin");
        assertThat(FilesController.fileName(null)).isEqualTo("upload.bin");
    }

    private static void assertCompleteBadGatewayProblem(HttpResponse<byte[]> answer) {
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(new String(answer.body(), StandardCharsets.UTF_8));
        assertThat(problem.path("status").asInt()).isEqualTo(502);
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(CLIENT_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + this.port + path);
    }

    private long upload(byte[] content, String name) throws IOException {
        Path source = Files.write(this.temporary.resolve("upload-" + System.nanoTime()), content);
        return this.transfers.upload(source, name);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private interface Call<T> {

        T call() throws Exception;

    }

    /** Runs the call with a fault rule added to the simulator, and removes the rule afterwards. */
    private <T> T withFault(String rule, Call<T> call) throws Exception {
        String admin = this.simulatorUrl.replaceAll("/+$", "") + "/_simulator/faults";
        HttpResponse<String> added = HTTP.send(HttpRequest.newBuilder(URI.create(admin))
            .timeout(CLIENT_TIMEOUT)
            .header("Authorization", "Bearer " + this.apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(rule))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isBetween(200, 201);
        long id = JSON.readTree(added.body()).path("id").asLong();
        try {
            return call.call();
        }
        finally {
            HTTP.send(HttpRequest.newBuilder(URI.create(admin + "/" + id))
                .timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + this.apiKey)
                .DELETE()
                .build(), HttpResponse.BodyHandlers.discarding());
        }
    }

}
