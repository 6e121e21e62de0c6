package io.github.civis.client.error;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.ratelimit.RateLimitStatus;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.GET_CREDENTIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErrorMappingTest {

    private MockWebServer server;
    private CivisClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestSupport.startServer();
        client = TestSupport.clientFor(server, new RecordingSleeper()).retryPolicy(CivisRetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static Stream<Arguments> statuses() {
        return Stream.of(Arguments.of(400, CivisClientErrorException.class),
                Arguments.of(401, CivisAuthenticationException.class),
                Arguments.of(403, CivisForbiddenException.class), Arguments.of(404, CivisNotFoundException.class),
                Arguments.of(409, CivisConflictException.class), Arguments.of(422, CivisClientErrorException.class),
                Arguments.of(429, CivisRateLimitException.class), Arguments.of(500, CivisServerException.class),
                Arguments.of(503, CivisServerException.class));
    }

    private static MockResponse error(int status) {
        return new MockResponse.Builder().code(status)
                .setHeader("Content-Type", "application/json")
                .setHeader("X-RateLimit-Limit", 1000)
                .setHeader("X-RateLimit-Remaining", 998)
                .body("{\"error\":\"some_error\",\"errorDescription\":\"Something about credential 42 went wrong\","
                        + "\"code\":" + status + "}")
                .build();
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void eachErrorStatusMapsToItsTypeWithTheDetails(int status, Class<? extends CivisApiException> type) {
        server.enqueue(error(status));

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(42), BODY))
                .isInstanceOfSatisfying(type, ex -> {
                    assertThat(ex.status()).isEqualTo(status);
                    assertThat(ex.httpMethod()).isEqualTo("GET");
                    assertThat(ex.route()).isEqualTo("/credentials/{id}");
                    assertThat(ex.path()).isEqualTo("/credentials/42");
                    assertThat(ex.error()).isEqualTo("some_error");
                    assertThat(ex.errorDescription()).isEqualTo("Something about credential 42 went wrong");
                    assertThat(ex.code()).isEqualTo(status);
                    assertThat(ex.rateLimit()).isEqualTo(new RateLimitStatus(1000L, 998L));
                    assertThat(ex.bodyExcerpt()).isNull();
                    assertThat(ex.attempts()).isEqualTo(1);
                    assertThat(ex.getMessage()).contains("GET /credentials/{id} (/credentials/42)")
                            .contains(Integer.toString(status))
                            .contains("Something about credential 42 went wrong");
                });
    }

    @Test
    void unauthorizedSaysTheKeyIsMissingInvalidOrExpired() {
        server.enqueue(TestSupport.json(401, "{\"error\":\"invalid_token\",\"errorDescription\":\"The access token is invalid\"}"));

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOf(CivisAuthenticationException.class)
                .hasMessageContaining("API key is missing, invalid or expired")
                .hasMessageContaining("30 days")
                .hasMessageContaining("CIVIS_API_KEY")
                .hasMessageStartingWith("GET /credentials/{id} (/credentials/1) was refused with 401 "
                        + "(invalid_token: The access token is invalid): ");
    }

    @Test
    void unauthorizedIsOneSentenceThatSaysItOnce() {
        server.enqueue(TestSupport.json(401, "{\"error\":\"invalid_token\",\"errorDescription\":\"The API key is "
                + "missing, invalid or expired. Send it as 'Authorization: Bearer <key>'.\"}"));

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisAuthenticationException.class, ex -> {
                    assertThat(ex.getMessage()).isEqualTo("GET /credentials/{id} (/credentials/1) was refused with 401 "
                            + "(invalid_token): "
                            + "the API key is missing, invalid or expired (Civis API keys expire after at most 30 days); "
                            + "create a new key in Civis and set it with CivisClient.builder().apiKey(...) or the "
                            + "CIVIS_API_KEY environment variable.");
                    assertThat(ex.errorDescription()).as("what the API said stays available")
                            .startsWith("The API key is missing, invalid or expired.");
                });
    }

    @Test
    void rateLimitExceptionCarriesRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", 17).body("{}").build());

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisRateLimitException.class,
                        ex -> assertThat(ex.retryAfter()).hasValue(java.time.Duration.ofSeconds(17)));
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheClock() {
        // The test clock stands at 2026-01-01T00:00:00Z.
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "Thu, 01 Jan 2026 00:00:20 GMT")
                .body("{}").build());

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisServerException.class,
                        ex -> assertThat(ex.retryAfter()).hasValue(java.time.Duration.ofSeconds(20)));
    }

    @Test
    void aFailingListenerDoesNotFailTheCall() {
        client.close();
        client = TestSupport.clientFor(server, new RecordingSleeper())
                .listener(new io.github.civis.client.observation.CivisClientListener() {
                    @Override
                    public void onRateLimit(RateLimitStatus status) {
                        throw new IllegalStateException("broken gauge");
                    }
                })
                .build();
        server.enqueue(new MockResponse.Builder().code(200).setHeader("X-RateLimit-Remaining", 5).body("{}").build());

        assertThat(client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY).isObject()).isTrue();
        assertThat(client.rateLimit().remaining()).isEqualTo(5L);
    }

    @Test
    void nonJsonErrorBodyIsReportedWithAShortExcerpt() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body>" + "padding ".repeat(200)
                + "</body></html>";
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body(page).build());

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisServerException.class, ex -> {
                    assertThat(ex.error()).isNull();
                    assertThat(ex.bodyExcerpt()).startsWith("<html><head><title>502 Bad Gateway</title>")
                            .endsWith("...");
                    assertThat(ex.bodyExcerpt().length()).isLessThanOrEqualTo(203);
                    assertThat(ex.getMessage()).contains("502 Bad Gateway").doesNotContain("</html>");
                });
    }

    @Test
    void invalidJsonInASuccessfulResponseIsATypedExceptionWithAnExcerpt() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"id\": 1, \"name\": <oops>").build());

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisResponseFormatException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(200);
                    assertThat(ex.bodyExcerpt()).isEqualTo("{\"id\": 1, \"name\": <oops>");
                    assertThat(ex.getMessage()).contains("not valid JSON").contains("<oops>")
                            .doesNotContain("Jackson").doesNotContain("Unexpected character");
                    assertThat(ex.getCause()).isNull();
                });
    }

    @Test
    void aBodyAboveTheMemoryLimitIsATypedExceptionAndNotRetried() {
        client.close();
        client = TestSupport.clientFor(server, new RecordingSleeper()).maxInMemorySize(1024).build();
        server.enqueue(TestSupport.json(200, "[" + "1,".repeat(3000) + "1]"));

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisResponseTooLargeException.class, ex -> {
                    assertThat(ex.getMessage()).contains("maxInMemorySize");
                    assertThat(ex.attempts()).isEqualTo(1);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aLargeBodyWithinTheDefaultLimitIsRead() {
        // Far above WebClient's own 256 KB default.
        String big = "[" + "{\"name\":\"x\"},".repeat(60_000) + "{}]";
        server.enqueue(TestSupport.json(200, big));

        JsonNode body = client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY);

        assertThat(body.size()).isEqualTo(60_001);
    }

    @Test
    void emptySuccessfulBodyIsAMissingNode() {
        server.enqueue(new MockResponse.Builder().code(204).build());

        JsonNode body = client.transport().call(TestSupport.DELETE_SHARE, CallArguments.path(1, 2), BODY);

        assertThat(body.isMissingNode()).isTrue();
    }

    @Test
    void reactiveCallsMapErrorsTheSameWay() {
        server.enqueue(error(404));

        StepVerifier.create(client.transport().callReactive(GET_CREDENTIAL, CallArguments.path(7), BODY))
                .expectErrorSatisfies(ex -> {
                    assertThat(ex).isInstanceOf(CivisNotFoundException.class);
                    assertThat(((CivisNotFoundException) ex).path()).isEqualTo("/credentials/7");
                })
                .verify();
    }

    @Test
    void latestRateLimitHeadersAreObservable() {
        assertThat(client.rateLimit().isKnown()).isFalse();
        server.enqueue(new MockResponse.Builder().code(200).setHeader("X-RateLimit-Limit", 1000)
                .setHeader("X-RateLimit-Remaining", 999).body("{}").build());
        server.enqueue(error(404));

        client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY);
        assertThat(client.rateLimit()).isEqualTo(new RateLimitStatus(1000L, 999L));
        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY));
        assertThat(client.rateLimit()).isEqualTo(new RateLimitStatus(1000L, 998L));
    }

    @Test
    void aServerEchoingTheKeyDoesNotGetItIntoTheMessage() {
        server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "text/plain")
                .body("Bad header: Authorization: Bearer " + TestSupport.SECRET_KEY).build());

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisClientErrorException.class, ex -> {
                    assertThat(ex.bodyExcerpt()).contains("[redacted]").doesNotContain(TestSupport.SECRET_KEY);
                    assertThat(ex.getMessage()).doesNotContain(TestSupport.SECRET_KEY);
                });
    }

    @Test
    void errorsCarryNoQueryOrBodyValuesBeyondThePath() {
        server.enqueue(error(404));
        CallArguments arguments = new CallArguments(List.of(42), Map.of("type", List.of("Database")), null);

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, arguments, BODY))
                .isInstanceOfSatisfying(CivisNotFoundException.class,
                        ex -> assertThat(ex.path()).isEqualTo("/credentials/42"));
    }
}
