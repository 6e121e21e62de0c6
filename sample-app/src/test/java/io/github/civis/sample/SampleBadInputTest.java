package io.github.civis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input to the sample's endpoints gets a 400 problem naming the field, an oversized body a
 * 413, and every error is an RFC 9457 problem, never a 500 or Boot's default error JSON.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleBadInputTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    record Answer(int status, String contentType, JsonNode body) {
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                body.isBlank() ? JSON.missingNode() : JSON.readTree(body));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private Answer post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.body().has("title")).isTrue();
        assertThat(answer.body().has("trace")).isFalse();
        assertThat(answer.body().has("timestamp")).as("Boot's default error JSON").isFalse();
    }

    @Test
    void aFieldPostSqlDoesNotTakeIsA400NamingIt() throws Exception {
        Answer answer = post("/sql", "{\"remoteHostId\":\"abc\"}");
        assertProblem(answer, 400);
        assertThat(answer.body().path("detail").asString()).contains("remoteHostId");
        assertThat(answer.body().path("field").asString()).isEqualTo("remoteHostId");
    }

    @Test
    void aNegativeOrNonNumericMaxIsA400NamingTheParameter() throws Exception {
        Answer negative = send(request("/credentials?max=-1").GET());
        assertProblem(negative, 400);
        assertThat(negative.body().path("field").asString()).isEqualTo("max");

        Answer text = send(request("/credentials?max=many").GET());
        assertProblem(text, 400);
        assertThat(text.body().path("detail").asString()).contains("max");
    }

    @Test
    void aCredentialWithoutUsernameAndPasswordIsRefused() throws Exception {
        Answer answer = post("/credentials", "{}");
        assertProblem(answer, 400);
        assertThat(answer.body().path("detail").asString()).contains("required");
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        assertProblem(post("/sql", "{\"sql\": "), 400);
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        String big = "{\"sql\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        assertProblem(post("/sql", big), 413);
    }

    @Test
    void anOversizedBodyWithoutContentLengthIsRefusedWith413() throws Exception {
        String big = "{\"sql\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        Answer answer = send(request("/sql").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big))));
        assertProblem(answer, 413);
    }

    @Test
    void anUnknownPathIsAProblemToo() throws Exception {
        assertProblem(send(request("/no-such-endpoint").GET()), 404);
    }
}
