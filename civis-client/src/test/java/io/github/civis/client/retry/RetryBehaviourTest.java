package io.github.civis.client.retry;

import java.time.Duration;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisServerException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.transport.CivisTransport;
import io.github.civis.client.transport.OperationDescriptor;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.GET_CREDENTIAL;
import static io.github.civis.client.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryBehaviourTest {

    private MockWebServer server;
    private RecordingSleeper sleeper;
    private CivisClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestSupport.startServer();
        sleeper = new RecordingSleeper();
        client = TestSupport.clientFor(server, sleeper).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private CivisTransport transport() {
        return client.transport();
    }

    private static MockResponse failing(int status, int retryAfterSeconds) {
        return new MockResponse.Builder().code(status).setHeader("Retry-After", retryAfterSeconds)
                .setHeader("Content-Type", "application/json").body("{\"error\":\"busy\"}").build();
    }

    private static MockResponse dropped() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    private static CallArguments body() {
        return new CallArguments(java.util.List.of(), java.util.Map.of(),
                JsonNodeFactory.instance.objectNode().put("name", "x"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 502, 503, 504 })
    void getIsRetriedOnTransientStatusesAndWaitsAtLeastRetryAfter(int status) {
        server.enqueue(failing(status, 7));
        server.enqueue(json(200, "{\"id\":42}"));

        JsonNode body = transport().call(GET_CREDENTIAL, CallArguments.path(42), BODY);

        assertThat(body.get("id").intValue()).isEqualTo(42);
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.sleeps()).hasSize(1);
        assertThat(sleeper.sleeps().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void getIsRetriedOnDroppedConnection() {
        server.enqueue(dropped());
        server.enqueue(json(200, "{\"id\":42}"));

        JsonNode body = transport().call(GET_CREDENTIAL, CallArguments.path(42), BODY);

        assertThat(body.get("id").intValue()).isEqualTo(42);
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT", "DELETE" })
    void otherIdempotentVerbsAreRetried(String verb) {
        OperationDescriptor operation = verb.equals("PUT") ? TestSupport.PUT_CREDENTIAL : TestSupport.DELETE_SHARE;
        server.enqueue(failing(503, 1));
        server.enqueue(json(200, "{}"));

        transport().call(operation, CallArguments.path(1, 2), BODY);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 503 })
    void postIsRetriedOnlyWhenTheServerCertainlyDidNotActOnIt(int status) {
        server.enqueue(failing(status, 2));
        server.enqueue(json(200, "{\"id\":1}"));

        transport().call(TestSupport.POST_CREDENTIAL, body(), BODY);

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.sleeps()).singleElement().satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @ParameterizedTest
    @ValueSource(ints = { 500, 502, 504 })
    void postIsNotRetriedOnFailuresAfterWhichItMayHaveRun(int status) {
        server.enqueue(failing(status, 1));
        server.enqueue(json(200, "{\"id\":1}"));

        assertThatThrownBy(() -> transport().call(TestSupport.POST_CREDENTIAL, body(), BODY))
                .isInstanceOfSatisfying(CivisApiException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(status);
                    assertThat(ex.attempts()).isEqualTo(1);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void postIsNotRetriedOnDroppedConnection() {
        server.enqueue(dropped());
        server.enqueue(json(200, "{\"id\":1}"));

        assertThatThrownBy(() -> transport().call(TestSupport.POST_CREDENTIAL, body(), BODY))
                .isInstanceOf(CivisTransportException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void patchIsNotRetriedByDefault() {
        server.enqueue(failing(503, 1));
        server.enqueue(json(200, "{}"));

        assertThatThrownBy(() -> transport().call(TestSupport.PATCH_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOf(CivisServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void patchIsRetriedWhenConfigured() {
        client.close();
        client = TestSupport.clientFor(server, sleeper)
                .retryPolicy(CivisRetryPolicy.builder().retryableStatuses("PATCH", java.util.Set.of(503)).build())
                .build();
        server.enqueue(failing(503, 1));
        server.enqueue(json(200, "{}"));

        transport().call(TestSupport.PATCH_CREDENTIAL, CallArguments.path(1), BODY);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void waitsGrowExponentiallyWithoutRetryAfter() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, "{}"));
        }
        server.enqueue(json(200, "{}"));

        transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY);

        // jitter fixed at 1.0: the full bound of 1 s, 2 s, 4 s
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4));
    }

    @Test
    void attemptsAreCappedAndTheFailureSaysHowMany() {
        client.close();
        client = TestSupport.clientFor(server, sleeper)
                .retryPolicy(CivisRetryPolicy.builder().maxAttempts(3).jitter(() -> 0.5).build())
                .build();
        for (int i = 0; i < 5; i++) {
            server.enqueue(failing(503, 1));
        }

        assertThatThrownBy(() -> transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisServerException.class, ex -> {
                    assertThat(ex.attempts()).isEqualTo(3);
                    assertThat(ex.getMessage()).contains("after 3 attempts").contains("503");
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void defaultPolicyGivesUpAfterTenAttempts() {
        for (int i = 0; i < 11; i++) {
            server.enqueue(failing(502, 1));
        }

        assertThatThrownBy(() -> transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisServerException.class, ex -> assertThat(ex.attempts()).isEqualTo(10));
        assertThat(server.getRequestCount()).isEqualTo(10);
    }

    @Test
    void totalTimeIsCapped() {
        client.close();
        client = TestSupport.clientFor(server, sleeper)
                .retryPolicy(CivisRetryPolicy.builder().maxElapsed(Duration.ofSeconds(10)).build())
                .build();
        for (int i = 0; i < 5; i++) {
            server.enqueue(failing(429, 4));
        }

        assertThatThrownBy(() -> transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisApiException.class, ex -> assertThat(ex.attempts()).isEqualTo(3));
        // 0 s + 4 s + 4 s = 8 s; a third wait would end at 12 s, beyond the 10 s budget
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 502, 503, 504 })
    void reactiveGetIsRetriedWithTheSamePolicy(int status) {
        server.enqueue(failing(status, 5));
        server.enqueue(json(200, "{\"id\":42}"));

        StepVerifier.create(transport().callReactive(GET_CREDENTIAL, CallArguments.path(42), BODY))
                .assertNext(body -> assertThat(body.get("id").intValue()).isEqualTo(42))
                .verifyComplete();

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.sleeps()).singleElement()
                .satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void reactiveGetIsRetriedOnDroppedConnection() {
        server.enqueue(dropped());
        server.enqueue(json(200, "{\"id\":42}"));

        StepVerifier.create(transport().callReactive(GET_CREDENTIAL, CallArguments.path(42), BODY))
                .expectNextCount(1)
                .verifyComplete();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void reactivePostIsNotRetriedOn502() {
        server.enqueue(failing(502, 1));

        StepVerifier.create(transport().callReactive(TestSupport.POST_CREDENTIAL, body(), BODY))
                .expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(CivisServerException.class))
                .verify();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void reactiveAttemptsAreCappedAndReported() {
        client.close();
        client = TestSupport.clientFor(server, sleeper)
                .retryPolicy(CivisRetryPolicy.builder().maxAttempts(4).build())
                .build();
        for (int i = 0; i < 5; i++) {
            server.enqueue(failing(503, 1));
        }

        StepVerifier.create(transport().callReactive(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .expectErrorSatisfies(ex -> {
                    assertThat(ex).isInstanceOf(CivisServerException.class);
                    assertThat(((CivisServerException) ex).attempts()).isEqualTo(4);
                    assertThat(ex.getMessage()).contains("after 4 attempts");
                })
                .verify();
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(sleeper.sleeps()).hasSize(3);
    }

    @Test
    void reactiveWaitsRunOnReactorTimeSoVirtualTimeApplies() throws Exception {
        client.close();
        java.util.concurrent.CountDownLatch retried = new java.util.concurrent.CountDownLatch(1);
        // The default delay of Sleeper: Mono.delay on Reactor's parallel scheduler, which
        // StepVerifier.withVirtualTime replaces; blocking sleeps would fail the test.
        client = TestSupport.clientFor(server, sleeper).hooks(hooks -> hooks.withSleeper(duration -> {
            throw new AssertionError("reactive calls must not block");
        })).listener(new io.github.civis.client.observation.CivisClientListener() {
            @Override
            public void onRetry(io.github.civis.client.observation.CivisRetryEvent event) {
                retried.countDown();
            }
        }).build();
        server.enqueue(failing(503, 30));
        server.enqueue(json(200, "{\"id\":1}"));

        StepVerifier.withVirtualTime(() -> transport().callReactive(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .expectSubscription()
                .then(() -> awaitRetryScheduled(retried))
                .expectNoEvent(Duration.ofSeconds(29))
                .thenAwait(Duration.ofSeconds(2))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void absurdRetryAfterIsClampedAndEndsInACivisExceptionBlocking() {
        server.enqueue(failing(503, 1));
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "9223372036854775807")
                .setHeader("Content-Type", "application/json").body("{\"error\":\"busy\"}").build());
        server.enqueue(json(200, "{\"id\":1}"));

        assertThatThrownBy(() -> transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisServerException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(503);
                    assertThat(ex.retryAfter()).hasValueSatisfying(
                            wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofDays(1)));
                });
        // the clamped wait is still longer than the policy's 600 s in total: no third attempt
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void absurdRetryAfterEndsInACivisExceptionReactive() {
        server.enqueue(failing(503, 1));
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "9223372036854775807")
                .body("{\"error\":\"busy\"}").build());

        StepVerifier.create(transport().callReactive(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .expectError(CivisServerException.class)
                .verify(Duration.ofSeconds(10));
    }

    private static void awaitRetryScheduled(java.util.concurrent.CountDownLatch retried) {
        try {
            assertThat(retried.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // The delay is subscribed right after the listener returns, on the same thread.
            Thread.sleep(100);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
