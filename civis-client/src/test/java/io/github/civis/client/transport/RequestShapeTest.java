package io.github.civis.client.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

class RequestShapeTest {

    private MockWebServer server;
    private CivisClient client;

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

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return request;
    }

    @Test
    void sendsBearerKeyUserAgentAndAcceptJson() throws Exception {
        client = TestSupport.clientFor(server, new RecordingSleeper()).build();
        server.enqueue(json(200, "{}"));

        client.transport().call(TestSupport.GET_CREDENTIAL, CallArguments.path(42), BODY);

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/credentials/42");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TestSupport.SECRET_KEY);
        assertThat(request.getHeaders().get("User-Agent")).matches("civis-java/\\S+ Java/\\S+");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("X-Civis-Job-ID")).isNull();
        assertThat(request.getHeaders().get("X-Civis-Run-ID")).isNull();
    }

    @Test
    void sendsJobAndRunIdsInsideACivisJob() throws Exception {
        client = TestSupport.clientFor(server, new RecordingSleeper()).hooks(hooks -> hooks.withEnvironment(TestSupport.environment("CIVIS_JOB_ID", "123", "CIVIS_RUN_ID", "456")))
                .userAgent("my-app/1.0")
                .build();
        server.enqueue(json(200, "{}"));

        client.transport().call(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY);

        RecordedRequest request = take();
        assertThat(request.getHeaders().get("X-Civis-Job-ID")).isEqualTo("123");
        assertThat(request.getHeaders().get("X-Civis-Run-ID")).isEqualTo("456");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("my-app/1.0");
    }

    @Test
    void readsTheKeyFromTheSupplierOnEveryCallSoRotationWorks() throws Exception {
        AtomicInteger version = new AtomicInteger();
        client = TestSupport.clientFor(server, new RecordingSleeper())
                .apiKeySupplier(() -> "key-" + version.incrementAndGet())
                .build();
        server.enqueue(json(200, "{}"));
        server.enqueue(json(200, "{}"));

        client.transport().call(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY);
        client.transport().call(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY);

        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer key-1");
        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer key-2");
    }

    @Test
    void encodesPathValuesAndSendsArrayQueriesRepeated() throws Exception {
        client = TestSupport.clientFor(server, new RecordingSleeper()).build();
        server.enqueue(json(200, "{}"));
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("type", List.of("Database & more"));
        query.put("ids[]", List.of("1", "2", "3"));
        query.put("name", List.of("a+b"));

        client.transport().call(TestSupport.DELETE_SHARE,
                new CallArguments(List.of("a/b c", 7), query, null), BODY);

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/credentials/a%2Fb%20c/shares/users/7");
        assertThat(request.getUrl().queryParameterValues("ids[]")).containsExactly("1", "2", "3");
        assertThat(request.getUrl().queryParameter("type")).isEqualTo("Database & more");
        assertThat(request.getUrl().queryParameter("name")).isEqualTo("a+b");
        assertThat(request.getTarget()).contains("ids%5B%5D=1&ids%5B%5D=2&ids%5B%5D=3");
    }

    @Test
    void sendsTheBodyExactlyAsGivenIncludingExplicitNulls() throws Exception {
        client = TestSupport.clientFor(server, new RecordingSleeper()).build();
        server.enqueue(json(200, "{\"id\":5}"));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", "renamed");
        body.putNull("description");

        StepVerifier.create(client.transport().callReactive(TestSupport.PATCH_CREDENTIAL,
                new CallArguments(List.of(5), Map.of(), body), BODY))
                .expectNextCount(1)
                .verifyComplete();

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getBody().utf8()).isEqualTo("{\"name\":\"renamed\",\"description\":null}");
    }

    @Test
    void nothingIsSentUntilTheMonoIsSubscribed() throws Exception {
        client = TestSupport.clientFor(server, new RecordingSleeper()).build();
        server.enqueue(json(200, "{}"));

        var mono = client.transport().callReactive(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY);
        Thread.sleep(100);
        assertThat(server.getRequestCount()).isZero();

        mono.block();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void sequentialCallsReusePooledConnections() throws Exception {
        client = TestSupport.clientFor(server, new RecordingSleeper()).build();
        for (int i = 0; i < 20; i++) {
            server.enqueue(json(200, "{}"));
            client.transport().call(TestSupport.GET_CREDENTIAL, CallArguments.path(i), BODY);
        }

        java.util.Set<Integer> connections = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            connections.add(take().getConnectionIndex());
        }
        // A connection goes back to the pool just after the caller has its result, so the next
        // call may open a second one; a client without pooling would open twenty.
        assertThat(connections).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aBaseUrlWithAPathPrefixIsKept() throws Exception {
        client = TestSupport.clientFor(server, new RecordingSleeper()).baseUrl(server.url("/api").toString()).build();
        server.enqueue(json(200, "{}"));

        client.transport().call(TestSupport.GET_CREDENTIAL, CallArguments.path(3), BODY);

        assertThat(take().getUrl().encodedPath()).isEqualTo("/api/credentials/3");
    }
}
