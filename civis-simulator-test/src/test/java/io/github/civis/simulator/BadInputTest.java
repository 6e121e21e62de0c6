package io.github.civis.simulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Wrong keys, unknown routes and broken bodies get Civis-style errors, and the simulator
 * keeps serving.
 */
class BadInputTest {

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();

    @Test
    void unknownRouteIs404WithCivisJson() {
        HttpResponse<String> response = RawHttp.send("GET", civis.baseUrl() + "no/such/route",
                RawHttp.bearer(civis.apiKey()), null);

        JsonNode body = RawHttp.json(response);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body.path("error").asString()).isEqualTo("not_found");
        assertThat(body.path("code").asInt()).isEqualTo(404);
        assertThat(body.path("errorDescription").asString()).contains("/no/such/route");
    }

    @Test
    void malformedBodyIs400NamingTheProblem() {
        HttpResponse<String> response = RawHttp.send("POST", civis.baseUrl() + "credentials",
                RawHttp.bearer(civis.apiKey()), "{\"name\": \"x\",");

        JsonNode body = RawHttp.json(response);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body.path("error").asString()).isEqualTo("bad_request");
        assertThat(body.path("errorDescription").asString()).startsWith("Malformed JSON body");
    }

    @Test
    void bodyThatIsNotAnObjectIs400() {
        HttpResponse<String> response = RawHttp.send("POST", civis.baseUrl() + "credentials",
                RawHttp.bearer(civis.apiKey()), "[1, 2]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RawHttp.json(response).path("errorDescription").asString()).contains("object");
    }

    @Test
    void wrongKeyIs401WithWwwAuthenticate() {
        HttpResponse<String> response = RawHttp.send("GET", civis.baseUrl() + "users/me", RawHttp.bearer("wrong"),
                null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
            .startsWith("Bearer"));
        assertThat(RawHttp.json(response).path("error").asString()).isEqualTo("unauthorized");
    }

    @Test
    void missingKeyIs401AndClientSeesIt() {
        HttpResponse<String> response = RawHttp.send("GET", civis.baseUrl() + "users/me", null, null);
        CivisClient wrong = CivisClient.builder().baseUrl(civis.baseUrl()).apiKey("nope").build();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThatExceptionOfType(CivisApiException.class).isThrownBy(() -> wrong.users().getMe())
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(401));
    }

    @Test
    void basicAuthWithKeyAsUserNameIsAccepted() {
        String basic = "Basic " + Base64.getEncoder()
            .encodeToString((civis.apiKey() + ":").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = RawHttp.send("GET", civis.baseUrl() + "users/me", basic, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(response).path("username").asString()).isEqualTo("simulator");
    }

    @Test
    void everyAnswerCarriesRateLimitHeaders() {
        HttpResponse<String> ok = RawHttp.send("GET", civis.baseUrl() + "users/me", RawHttp.bearer(civis.apiKey()),
                null);
        HttpResponse<String> denied = RawHttp.send("GET", civis.baseUrl() + "users/me", null, null);

        for (HttpResponse<String> response : java.util.List.of(ok, denied)) {
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("1000");
            assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        }
    }

    @Test
    void undecodableUriIs400() throws Exception {
        java.net.URI base = java.net.URI.create(civis.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /users/me?name=%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + civis.apiKey() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error\":\"bad_request\"");
        }
    }

    @Test
    void survivesGarbageAndKeepsServing() {
        RawHttp.send("PATCH", civis.baseUrl() + "scripts/sql/abc", RawHttp.bearer(civis.apiKey()), "\u0000\u0001");
        RawHttp.send("DELETE", civis.baseUrl() + "files/99999999999999999999", RawHttp.bearer(civis.apiKey()), null);
        HttpResponse<String> missing = RawHttp.send("GET", civis.baseUrl() + "credentials/987654321",
                RawHttp.bearer(civis.apiKey()), null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(civis.client().users().getMe().username()).isEqualTo("simulator");
    }
}
