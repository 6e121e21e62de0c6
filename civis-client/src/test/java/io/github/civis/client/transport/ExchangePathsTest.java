package io.github.civis.client.transport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisResponseTooLargeException;
import io.github.civis.client.ratelimit.RateLimitStatus;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client built without a {@code WebClient.Builder} sends its requests straight on Reactor
 * Netty; one built from a builder sends them through the {@code WebClient}. Both must put the
 * same request on the wire and read the same answer the same way.
 */
class ExchangePathsTest {

    private MockWebServer server;
    private CivisClient client;

    static List<Arguments> paths() {
        return List.of(
                Arguments.of("Reactor Netty", UnaryOperator.<CivisClient.Builder>identity()),
                Arguments.of("WebClient", (UnaryOperator<CivisClient.Builder>) builder ->
                        builder.webClientBuilder(WebClient.builder())),
                // blocking calls on the calling thread; reactive ones still go through Reactor Netty
                Arguments.of("blocking I/O", (UnaryOperator<CivisClient.Builder>) builder -> builder.blockingIo(true)));
    }

    @BeforeEach
    void start() throws Exception {
        server = TestSupport.startServer();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private CivisTransport transport(UnaryOperator<CivisClient.Builder> path, int maxInMemorySize) {
        client = path.apply(TestSupport.clientFor(server, new RecordingSleeper()))
                .maxInMemorySize(maxInMemorySize)
                .build();
        return client.transport();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return request;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void getSendsTheSameRequestAndReadsBodyHeadersAndRateLimits(String name, UnaryOperator<CivisClient.Builder> path)
            throws Exception {
        CivisTransport transport = transport(path, 64 * 1024);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .setHeader(RateLimitStatus.LIMIT, "1000").setHeader(RateLimitStatus.REMAINING, "998")
                .setHeader("X-Pagination-Total-Entries", "7")
                .body("{\"id\":42,\"name\":\"a b\"}").build());
        AtomicReference<ResponseMetadata> seen = new AtomicReference<>();

        JsonNode body = transport.call(TestSupport.LIST_CREDENTIALS, CallArguments.none().withQuery("type", "a+b c"),
                (node, metadata) -> {
                    seen.set(metadata);
                    return node;
                });

        assertThat(body.get("id").asInt()).isEqualTo(42);
        assertThat(body.get("name").asString()).isEqualTo("a b");
        assertThat(seen.get().status()).isEqualTo(200);
        assertThat(seen.get().headers().getFirst("x-pagination-total-entries")).isEqualTo("7");
        assertThat(client.rateLimit()).isEqualTo(new RateLimitStatus(1000L, 998L));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/credentials");
        assertThat(request.getUrl().encodedQuery()).isEqualTo("type=a%2Bb%20c");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestSupport.SECRET_KEY);
        assertThat(request.getHeaders().get("User-Agent")).matches("civis-java/\\S+ Java/\\S+");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Content-Type")).isNull();
        assertThat(request.getBody() == null ? 0 : request.getBody().size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void everyReservedCharacterOfAQueryValueIsPercentEncodedSoTheServerSeesTheValueExactly(String name,
            UnaryOperator<CivisClient.Builder> path) throws Exception {
        CivisTransport transport = transport(path, 64 * 1024);
        server.enqueue(json(200, "[]"));
        // Servers split a query on ';' as on '&' (Rack, Netty), read '+' as a space and end it at '#'.
        String value = "x;drop&b=c+d#e%f g/h?i*j'k(l)m!n$o,p[q]r@s:t~u-v.w_yé";

        transport.call(TestSupport.LIST_CREDENTIALS, CallArguments.none().withQuery("name", value), BODY);

        RecordedRequest request = take();
        assertThat(request.getUrl().encodedQuery()).isEqualTo("name=x%3Bdrop%26b%3Dc%2Bd%23e%25f%20g%2Fh%3Fi%2Aj%27k"
                + "%28l%29m%21n%24o%2Cp%5Bq%5Dr%40s%3At~u-v.w_y%C3%A9");
        assertThat(request.getUrl().queryParameterNames()).containsExactly("name");
        assertThat(request.getUrl().queryParameter("name")).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void postSendsItsJsonBodyWithALength(String name, UnaryOperator<CivisClient.Builder> path) throws Exception {
        CivisTransport transport = transport(path, 64 * 1024);
        server.enqueue(json(200, "{\"id\":1}"));

        transport.call(TestSupport.POST_CREDENTIAL, new CallArguments(List.of(), Map.of(),
                JsonNodeFactory.instance.objectNode().put("name", "é x")), BODY);

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBody().utf8()).isEqualTo("{\"name\":\"é x\"}");
        assertThat(request.getHeaders().get("Content-Length"))
                .isEqualTo(String.valueOf(request.getBody().size()));
        assertThat(request.getHeaders().get("Transfer-Encoding")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void anErrorStatusIsATypedExceptionWithTheApisDetails(String name, UnaryOperator<CivisClient.Builder> path) {
        CivisTransport transport = transport(path, 64 * 1024);
        server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
                .setHeader(RateLimitStatus.REMAINING, "5")
                .body("{\"error\":\"not_found\",\"errorDescription\":\"no such credential\",\"code\":404}").build());

        assertThatThrownBy(() -> transport.call(TestSupport.GET_CREDENTIAL, CallArguments.path(9), BODY))
                .isInstanceOfSatisfying(CivisApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(404);
                    assertThat(ex.error()).isEqualTo("not_found");
                    assertThat(ex.errorDescription()).isEqualTo("no such credential");
                    assertThat(ex.rateLimit().remaining()).isEqualTo(5L);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aBodyInManyChunksIsReadWholeAndOneAboveTheLimitFails(String name, UnaryOperator<CivisClient.Builder> path) {
        CivisTransport transport = transport(path, 20_000);
        String within = "[" + "1,".repeat(9_000) + "1]";
        String above = "[" + "1,".repeat(11_000) + "1]";
        // Small throttled writes make the body arrive in several reads.
        server.enqueue(json(200, within).newBuilder().throttleBody(1_024, 1, TimeUnit.MILLISECONDS).build());
        server.enqueue(json(200, above).newBuilder().throttleBody(1_024, 1, TimeUnit.MILLISECONDS).build());
        // Chunked: no Content-Length to size the body by.
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .chunkedBody(within, 700).build());

        StepVerifier.create(transport.callReactive(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY))
                .assertNext(body -> assertThat(body.size()).isEqualTo(9_001))
                .verifyComplete();
        assertThatThrownBy(() -> transport.call(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisResponseTooLargeException.class,
                        ex -> assertThat(ex.attempts()).isEqualTo(1));
        assertThat(transport.call(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY).size()).isEqualTo(9_001);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
