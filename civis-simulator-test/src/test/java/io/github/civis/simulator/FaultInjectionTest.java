package io.github.civis.simulator;

import java.net.http.HttpResponse;
import java.time.Duration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisRateLimitException;
import io.github.civis.client.error.CivisResponseFormatException;
import io.github.civis.client.error.CivisServerException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.model.Credential;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of injected fault, as the client sees it: retried where the client's policy says
 * so (waits recorded, not slept), otherwise reported as the matching exception type.
 */
class FaultInjectionTest {

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** A client whose retry waits are recorded instead of slept. */
    private CivisClient client(CivisRetryPolicy policy) {
        return CivisClient.builder().hooks(hooks -> hooks.withSleeper(waits::add))
            .baseUrl(civis.baseUrl())
            .apiKey(civis.apiKey())
            .retryPolicy(policy)
            .build();
    }

    @Test
    void rateLimitedCallIsRetriedAfterRetryAfter() {
        long before = civis.simulator().stats().faults(FaultRule.Kind.STATUS);
        civis.simulator().faults().add(FaultRule.status(429).retryAfter(Duration.ofSeconds(3)).times(2));
        try (CivisClient client = client(CivisRetryPolicy.defaults())) {
            assertThat(client.users().getMe().username()).isEqualTo("simulator");
        }
        assertThat(waits).hasSize(2).allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(3)));
        assertThat(civis.simulator().stats().faults(FaultRule.Kind.STATUS)).isEqualTo(before + 2);
    }

    @Test
    void rateLimitedCallWithoutRetriesReports429AndRetryAfter() {
        civis.simulator().faults().add(FaultRule.status(429).retryAfter(Duration.ofSeconds(3)).times(1));
        try (CivisClient client = client(CivisRetryPolicy.none())) {
            assertThatExceptionOfType(CivisRateLimitException.class).isThrownBy(() -> client.users().getMe())
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(429))
                .satisfies(ex -> assertThat(ex.error()).isEqualTo("too_many_requests"))
                .satisfies(ex -> assertThat(ex.retryAfter()).hasValue(Duration.ofSeconds(3)));
        }
        HttpResponse<String> raw = RawHttp.send("GET", civis.baseUrl() + "users/me", RawHttp.bearer(civis.apiKey()),
                null);
        assertThat(raw.statusCode()).as("the fault was used up").isEqualTo(200);
    }

    @Test
    void serviceUnavailableOnlyOnTheChosenRoute(CivisClient client) {
        Credential made = client.credentials().post(b -> b.type("Custom").name("n").username("u").password("p"));
        civis.simulator().faults().add(FaultRule.status(503).on("GET", "/credentials/{id}"));

        try (CivisClient retrying = client(CivisRetryPolicy.builder().maxAttempts(3).build())) {
            assertThatExceptionOfType(CivisServerException.class).isThrownBy(() -> retrying.credentials().get(made.id()))
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(503))
                .satisfies(ex -> assertThat(ex.attempts()).isEqualTo(3));
        }
        assertThat(client.users().getMe().username()).isEqualTo("simulator");
        assertThat(civis.simulator().stats().faults(FaultRule.Kind.STATUS)).isPositive();
    }

    @Test
    void rateAppliesToAShareOfCalls(CivisClient client) {
        civis.simulator().faults().add(FaultRule.status(500).rate(0.5));
        int failures = 0;
        for (int i = 0; i < 200; i++) {
            try {
                client.users().getMe();
            }
            catch (CivisApiException ex) {
                assertThat(ex.status()).isEqualTo(500);
                failures++;
            }
        }
        assertThat(failures).isBetween(60, 140);
    }

    @Test
    void malformedJsonFailsTheCall(CivisClient client) {
        civis.simulator().faults().add(FaultRule.malformedJson().times(1));

        assertThatThrownBy(() -> client.users().getMe()).isInstanceOf(CivisResponseFormatException.class);
        assertThat(client.users().getMe().username()).isEqualTo("simulator");
    }

    @Test
    void droppedConnectionIsRetriedForAGet() {
        long before = civis.simulator().stats().faults(FaultRule.Kind.DROP_CONNECTION);
        civis.simulator().faults().add(FaultRule.dropConnection().times(1));
        try (CivisClient client = client(CivisRetryPolicy.defaults())) {
            assertThat(client.users().getMe().username()).isEqualTo("simulator");
        }
        assertThat(civis.simulator().stats().faults(FaultRule.Kind.DROP_CONNECTION)).isEqualTo(before + 1);
        assertThat(waits).hasSize(1);
    }

    @Test
    void droppedConnectionWithoutRetriesIsATransportFailure() {
        civis.simulator().faults().add(FaultRule.dropConnection().times(1));
        try (CivisClient client = client(CivisRetryPolicy.none())) {
            assertThatThrownBy(() -> client.users().getMe()).isInstanceOf(CivisTransportException.class);
            assertThat(client.users().getMe().username()).isEqualTo("simulator");
        }
    }

    @Test
    void latencyIsAddedAndMeasuredByTheServer(CivisClient client) {
        long before = civis.simulator().stats().delayedResponses();
        civis.simulator().faults().add(FaultRule.latency(Duration.ofMillis(250)).on("GET", "/users/me").times(1));

        assertThat(client.users().getMe().username()).isEqualTo("simulator");

        assertThat(civis.simulator().stats().delayedResponses()).isEqualTo(before + 1);
        assertThat(civis.simulator().stats().maxDelay()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void adminEndpointAddsListsAndRemovesRules(CivisClient client) {
        HttpResponse<String> added = RawHttp.send("POST", civis.baseUrl() + "_simulator/faults", null,
                "{\"status\":502,\"verb\":\"GET\",\"route\":\"/users/me\",\"times\":5}");
        long id = RawHttp.json(added).path("id").asLong();
        HttpResponse<String> listed = RawHttp.send("GET", civis.baseUrl() + "_simulator/faults", null, null);

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(RawHttp.json(listed).path("rules").get(0).path("status").asInt()).isEqualTo(502);
        try (CivisClient retrying = client(CivisRetryPolicy.builder().maxAttempts(3).build())) {
            assertThatExceptionOfType(CivisServerException.class).isThrownBy(() -> retrying.users().getMe())
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(502))
                .satisfies(ex -> assertThat(ex.attempts()).isEqualTo(3));
        }

        HttpResponse<String> removed = RawHttp.send("DELETE", civis.baseUrl() + "_simulator/faults/" + id, null, null);
        HttpResponse<String> stats = RawHttp.send("GET", civis.baseUrl() + "_simulator/stats", null, null);

        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(client.users().getMe().username()).isEqualTo("simulator");
        assertThat(RawHttp.json(stats).path("faults").path("status").asLong()).isPositive();
    }

    @Test
    void adminEndpointRejectsUnknownKinds() {
        HttpResponse<String> response = RawHttp.send("POST", civis.baseUrl() + "_simulator/faults", null,
                "{\"kind\":\"meteor\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(response).path("errorDescription").asString()).contains("meteor");
    }
}
