package io.github.civis.client.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.retry.CivisRetryPolicy;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.GET_CREDENTIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyAndTimeoutTest {

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

    @Test
    void callsFromManyThreadsRunInParallelOverOneClient() throws Exception {
        int threads = 32;
        int expectedOverlap = 16;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch overlapReached = new CountDownLatch(expectedOverlap);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                overlapReached.countDown();
                try {
                    // Hold each response until enough requests are in flight together (or give
                    // up after a while): a serialising client could never get past the first.
                    // The limit only bounds a failing run; a passing one is released early.
                    overlapReached.await(5, TimeUnit.SECONDS);
                    return TestSupport.json(200, "{\"path\":\"" + request.getUrl().encodedPath() + "\"}");
                }
                finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        client = TestSupport.clientFor(server, new RecordingSleeper()).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int id = i;
                results.add(pool.submit(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(id), BODY)));
            }
            for (int i = 0; i < threads; i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS).get("path").stringValue())
                        .isEqualTo("/credentials/" + i);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(maxInFlight.get()).isGreaterThanOrEqualTo(expectedOverlap);
        assertThat(server.getRequestCount()).isEqualTo(threads);
    }

    @Test
    void aSlowResponseFailsWithATimeoutNamingTheLimit() {
        client = TestSupport.clientFor(server, new RecordingSleeper())
                .responseTimeout(Duration.ofMillis(300))
                .retryPolicy(CivisRetryPolicy.none())
                .build();
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisTimeoutException.class, ex -> {
                    assertThat(ex.phase()).isEqualTo(CivisTimeoutException.Phase.RESPONSE);
                    assertThat(ex.timeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(ex.getMessage()).isEqualTo(
                            "GET /credentials/{id} (/credentials/1) got no response headers within the response timeout of 300 ms");
                });
    }

    @Test
    void aSlowBodyFailsWithTheCallTimeout() {
        client = TestSupport.clientFor(server, new RecordingSleeper())
                .callTimeout(Duration.ofMillis(400))
                .retryPolicy(CivisRetryPolicy.none())
                .build();
        server.enqueue(new MockResponse.Builder().code(200).body("{\"a\":1}").bodyDelay(2, TimeUnit.SECONDS).build());

        StepVerifier.create(client.transport().callReactive(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .expectErrorSatisfies(ex -> {
                    assertThat(ex).isInstanceOf(CivisTimeoutException.class);
                    assertThat(((CivisTimeoutException) ex).phase()).isEqualTo(CivisTimeoutException.Phase.CALL);
                    assertThat(ex.getMessage()).contains("call timeout of 400 ms");
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aTimedOutGetIsRetriedButATimedOutPostIsNot() {
        RecordingSleeper sleeper = new RecordingSleeper();
        client = TestSupport.clientFor(server, sleeper).responseTimeout(Duration.ofMillis(200)).build();
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());
        server.enqueue(TestSupport.json(200, "{\"ok\":true}"));
        server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());

        assertThat(client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY).get("ok").booleanValue())
                .isTrue();
        assertThatThrownBy(() -> client.transport().call(TestSupport.POST_CREDENTIAL,
                new CallArguments(List.of(), java.util.Map.of(), null), BODY))
                .isInstanceOf(CivisTimeoutException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsATransportException() throws Exception {
        MockWebServer closed = TestSupport.startServer();
        String url = closed.url("/").toString();
        closed.close();
        client = TestSupport.clientFor(server, new RecordingSleeper()).baseUrl(url)
                .retryPolicy(CivisRetryPolicy.builder().maxAttempts(3).build())
                .build();

        assertThatThrownBy(() -> client.transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisTransportException.class, ex -> {
                    assertThat(ex.attempts()).isEqualTo(3);
                    assertThat(ex.getMessage()).contains("failed before a response arrived")
                            .contains("after 3 attempts");
                });
    }
}
