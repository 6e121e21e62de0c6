package io.github.civis.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/civis} on the sample app with its embedded simulator: the connection, and
 * an empty drift, since the simulator serves the very API the app was built with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleDriftTest {

    @LocalServerPort
    int port;

    @Test
    void theCivisEndpointShowsTheConnectionAndNoDrift() throws Exception {
        SampleHttp http = new SampleHttp(port);
        http.get("/me");
        SampleHttp.Response civis = http.get("/actuator/civis");
        // the drift check runs in the background once the app is ready; bounded wait for its result
        for (int i = 0; i < 300 && civis.body().path("drift").path("status").asString().equals("pending"); i++) {
            Thread.sleep(Duration.ofMillis(100).toMillis());
            civis = http.get("/actuator/civis");
        }

        assertThat(civis.status()).isEqualTo(200);
        JsonNode connection = civis.body().path("connection");
        assertThat(connection.path("baseUrl").asString()).startsWith("http://127.0.0.1:");
        assertThat(connection.path("user").asString()).isNotBlank();
        JsonNode drift = civis.body().path("drift");
        assertThat(drift.path("status").asString()).isEqualTo("checked");
        assertThat(drift.path("platformOperations").asInt()).isEqualTo(drift.path("bundledOperations").asInt())
            .isPositive();
        assertThat(drift.path("removed").isArray()).isTrue();
        assertThat(drift.path("removed").isEmpty()).isTrue();
        assertThat(drift.path("added").isEmpty()).isTrue();
        assertThat(drift.path("changed").isEmpty()).isTrue();
        assertThat(drift.path("usedDrifted").asInt()).isZero();
        assertThat(civis.body().toString()).doesNotContainIgnoringCase("apiKey");
    }
}
