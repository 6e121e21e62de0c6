package io.github.civis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample app with no configuration: it starts the embedded simulator and its endpoints,
 * health and metrics work against it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void endpointsAnswerWithDataFromTheSimulator() throws Exception {
        SampleHttp http = new SampleHttp(port);
        SampleHttp.Response me = http.get("/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("username").asString()).isNotBlank();

        SampleHttp.Response credentials = http.get("/credentials");
        assertThat(credentials.status()).isEqualTo(200);
        assertThat(credentials.body().findValuesAsString("name")).contains("warehouse", "reporting token");

        SampleHttp.Response run = http.post("/sql", "{\"sql\": \"SELECT 1\"}");
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().path("state").asString()).isEqualTo("succeeded");
        assertThat(run.body().path("database").asString()).isEqualTo("redshift-general");

        assertThat(http.get("/me/reactive").body().path("username").asString()).isEqualTo(me.body().path("username").asString());
    }

    @Test
    void healthShowsTheCivisComponentUpAndMetricsShowTheCalls() throws Exception {
        SampleHttp http = new SampleHttp(port);
        http.get("/me");
        SampleHttp.Response health = http.get("/actuator/health");
        assertThat(health.body().path("components").path("civis").path("status").asString()).isEqualTo("UP");
        SampleHttp.Response metrics = http.get("/actuator/metrics/civis.client.requests");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body().path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.body().findValuesAsString("tag")).contains("group", "operation", "method", "status", "outcome");
    }
}
