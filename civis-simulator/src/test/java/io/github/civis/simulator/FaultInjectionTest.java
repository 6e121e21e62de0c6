package io.github.civis.simulator;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.model.Credential;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of injected fault, as the client sees it. With the placeholder transport an error
 * status arrives as a {@link CivisApiException}; the typed subclasses of the production
 * transport extend it, so these assertions hold for both and can be narrowed later.
 */
class FaultInjectionTest {

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();

    @Test
    void rateLimitedCallGets429WithRetryAfter(CivisClient client) {
        civis.simulator().faults().add(FaultRule.status(429).retryAfter(Duration.ofSeconds(3)).times(2));

        assertThatExceptionOfType(CivisApiException.class).isThrownBy(() -> client.users().getMe())
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(429))
            .satisfies(ex -> assertThat(ex.error()).isEqualTo("too_many_requests"));
        HttpResponse<String> raw = RawHttp.send("GET", civis.baseUrl() + "users/me", RawHttp.bearer(civis.apiKey()),
                null);
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(client.users().getMe().username()).as("used up after two calls").isEqualTo("simulator");
    }

    @Test
    void serviceUnavailableOnlyOnTheChosenRoute(CivisClient client) {
        Credential made = client.credentials().post(b -> b.type("Custom").name("n").username("u").password("p"));
        civis.simulator().faults().add(FaultRule.status(503).on("GET", "/credentials/{id}"));

        assertThatExceptionOfType(CivisApiException.class).isThrownBy(() -> client.credentials().get(made.id()))
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(503));
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

        assertThatThrownBy(() -> client.users().getMe()).isInstanceOf(RuntimeException.class);
        assertThat(client.users().getMe().username()).isEqualTo("simulator");
    }

    @Test
    void droppedConnectionFailsTheCall(CivisClient client) {
        civis.simulator().faults().add(FaultRule.dropConnection().times(1));

        assertThatThrownBy(() -> client.users().getMe()).isInstanceOf(RuntimeException.class);
        assertThat(civis.simulator().stats().faults(FaultRule.Kind.DROP_CONNECTION)).isEqualTo(1);
        assertThat(client.users().getMe().username()).isEqualTo("simulator");
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
        assertThatExceptionOfType(CivisApiException.class).isThrownBy(() -> client.users().getMe())
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(502));

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
