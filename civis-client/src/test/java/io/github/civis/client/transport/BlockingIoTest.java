package io.github.civis.client.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.error.CivisConfigurationException;
import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.model.Credential;
import io.github.civis.client.retry.CivisRetryPolicy;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.GET_CREDENTIAL;
import static io.github.civis.client.TestSupport.SECRET_KEY;
import static io.github.civis.client.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client built with {@code blockingIo(true)} sends its blocking calls on the calling thread.
 * What it shares with the Reactor Netty path (the request on the wire, the answer read, time
 * limits) is checked by the path-parameterized tests beside this one; here, what is its own: the
 * combinations it refuses, interrupts, retries, bounded response heads and many threads at once.
 */
class BlockingIoTest {

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

    private CivisClient.Builder builder() {
        return TestSupport.clientFor(server, new RecordingSleeper()).blockingIo(true);
    }

    @Test
    void settingsItCouldNotApplyToBlockingCallsAreRefusedAtBuild() {
        assertThatThrownBy(() -> builder().httpClientCustomizer(http -> http).build())
                .isInstanceOf(CivisConfigurationException.class)
                .hasMessageContaining("blockingIo(true) cannot be combined with httpClientCustomizer(...)")
                .hasMessageNotContaining(SECRET_KEY);
        assertThatThrownBy(() -> builder().webClientBuilder(WebClient.builder()).build())
                .isInstanceOf(CivisConfigurationException.class)
                .hasMessageContaining("blockingIo(true) cannot be combined with webClientBuilder(...)");
    }

    @Test
    void theGeneratedApiReadsTypedObjectsAndEveryCallCarriesTheKey() throws Exception {
        server.enqueue(json(200, "{\"id\":7,\"name\":\"warehouse\",\"type\":\"Database\"}"));
        client = builder().build();

        Credential credential = client.credentials().get(7);

        assertThat(credential.id()).isEqualTo(7);
        assertThat(credential.name()).isEqualTo("warehouse");
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/credentials/7");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET_KEY);
        assertThat(request.getHeaders().get("Accept-Encoding")).isNull();
        assertThat(client.toString()).doesNotContain(SECRET_KEY);
    }

    @Test
    void aServiceUnavailableAnswerIsRetriedAsOnReactorNetty() {
        server.enqueue(json(503, "{\"error\":\"unavailable\"}"));
        server.enqueue(json(200, "{\"id\":1}"));
        client = builder().build();

        assertThat(client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY).get("id").asInt()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRefusedConnectionFailsNamingTheCallAndNotTheKey() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        client = builder().baseUrl("http://127.0.0.1:" + closedPort + "/").retryPolicy(CivisRetryPolicy.none()).build();

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(3), BODY))
                .isInstanceOf(CivisTransportException.class)
                .hasMessageStartingWith("GET /credentials/{id} (/credentials/3) failed before a response arrived")
                .hasMessageNotContaining(SECRET_KEY);
    }

    @Test
    void aResponseHeadPastTheLimitsFailsTheCallInsteadOfBeingHeld() throws IOException {
        try (RawHttpServer longLine = RawHttpServer.start(out -> RawHttpServer.write(out,
                "HTTP/1.1 200 OK\r\nX-Long: " + "a".repeat(1024 * 1024) + "\r\nContent-Length: 2\r\n\r\n{}"));
                RawHttpServer manyFields = RawHttpServer.start(out -> RawHttpServer.write(out,
                        "HTTP/1.1 200 OK\r\n" + "X-Field: 1\r\n".repeat(10_000) + "Content-Length: 2\r\n\r\n{}"));
                CivisClient first = longLine.clientBuilder().blockingIo(true).retryPolicy(CivisRetryPolicy.none()).build();
                CivisClient second = manyFields.clientBuilder().blockingIo(true).retryPolicy(CivisRetryPolicy.none())
                    .build()) {
            assertThatThrownBy(() -> first.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                    .isInstanceOf(CivisTransportException.class);
            assertThatThrownBy(() -> second.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                    .isInstanceOf(CivisTransportException.class);
        }
    }

    @Test
    void anInterruptedThreadDoesNotSendItsCallAndKeepsItsInterrupt() {
        server.enqueue(json(200, "{\"id\":1}"));
        client = builder().build();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                    .isInstanceOf(CivisInterruptedException.class)
                    .hasMessageContaining("GET /credentials/{id} (/credentials/1)");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        finally {
            Thread.interrupted();
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void manyThreadsAtOnceEachGetTheirOwnAnswer() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                return json(200, "{\"id\":" + path.substring(path.lastIndexOf('/') + 1) + "}");
            }
        });
        client = builder().build();
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 1; i <= 640; i++) {
                long id = i;
                results.add(threads.submit(() -> client.credentials().get(id).id() == id));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(server.getRequestCount()).isEqualTo(640);
    }
}
