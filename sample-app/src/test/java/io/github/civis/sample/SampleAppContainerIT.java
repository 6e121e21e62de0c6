package io.github.civis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import io.github.civis.simulator.testcontainers.CivisSimulatorContainer;

/**
 * The sample app against the simulator running in a container, connected with
 * {@code @ServiceConnection}: no URL or key is configured by hand. Skipped where Docker is absent.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.simulator.enabled=false")
class SampleAppContainerIT {

    @Container
    @ServiceConnection
    static final CivisSimulatorContainer civis = new CivisSimulatorContainer();

    @LocalServerPort
    int port;

    @Test
    void endpointsAndHealthUseTheContainer() throws Exception {
        SampleHttp http = new SampleHttp(port);
        assertThat(http.get("/me").status()).isEqualTo(200);
        assertThat(http.post("/credentials", "{\"name\": \"from-test\", \"username\": \"u\", \"password\": \"p\"}").status())
            .isEqualTo(200);
        assertThat(http.get("/credentials").body().findValuesAsString("name")).contains("from-test");
        var health = http.get("/actuator/health").body().path("components").path("civis");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("baseUrl").asString()).isEqualTo(civis.getBaseUrl());
    }
}
