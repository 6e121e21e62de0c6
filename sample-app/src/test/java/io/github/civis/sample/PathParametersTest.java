package io.github.civis.sample;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A path segment with {@code ;} parameters is refused with a 400 problem naming the path variable,
 * over a real connection (Spring would otherwise match it without what follows the {@code ;}):
 * {@code /tables/demo.victim;drop/import} must not replace {@code demo.victim}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PathParametersTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void anImportIntoATableNameWithPathParametersIsRefusedAndTheNamedTableIsUntouched() throws Exception {
        SampleHttp http = new SampleHttp(this.port);
        assertThat(http.post("/tables/demo.victim/import", "text/csv", "a,b\n1,2\n").status()).isEqualTo(200);

        Answer refused = send("POST", "/tables/demo.victim;drop/import", "text/csv", "evil\n666\n");
        Answer quoted = send("POST", "/tables/demo.victim;x=1/import", "text/csv", "evil\n666\n");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("field").asString()).isEqualTo("table");
        assertThat(refused.body().path("detail").asString()).contains("'demo.victim;drop'");
        assertThat(quoted.status()).isEqualTo(400);
        assertThat(quoted.body().path("detail").asString()).contains("'demo.victim;x=1'");
        assertThat(http.getText("/sql/stream?sql=" + URLEncoder.encode("SELECT * FROM demo.victim",
                StandardCharsets.UTF_8)).body()).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void everyPathVariableIsTakenExactlyAsSent() throws Exception {
        Answer file = send("GET", "/files/1;drop", null, null);
        Answer job = send("POST", "/jobs/1;x/run", null, null);
        Answer literal = send("POST", "/tables;x/demo.victim/import", "text/csv", "evil\n666\n");

        assertThat(file.status()).isEqualTo(400);
        assertThat(file.body().path("field").asString()).isEqualTo("id");
        assertThat(file.body().path("detail").asString()).contains("'1;drop'");
        assertThat(job.status()).isEqualTo(400);
        assertThat(job.body().path("field").asString()).isEqualTo("id");
        assertThat(literal.status()).isEqualTo(400);
        assertThat(literal.body().path("detail").asString()).contains("'tables;x'");
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
                    : HttpRequest.BodyPublishers.noBody());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(),
                response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body()));
    }

}
