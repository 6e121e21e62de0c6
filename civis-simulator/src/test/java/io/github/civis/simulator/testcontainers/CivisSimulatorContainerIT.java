package io.github.civis.simulator.testcontainers;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.model.Credential;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The simulator jar in a container, reached through the client. Skipped where Docker is not
 * available; run it with a loopback-only daemon where the machine has none.
 */
@Testcontainers(disabledWithoutDocker = true)
class CivisSimulatorContainerIT {

    @Container
    static final CivisSimulatorContainer civis = new CivisSimulatorContainer();

    @Test
    void answersUsersMeThroughTheClient() {
        CivisClient client = CivisClient.builder().baseUrl(civis.getBaseUrl()).apiKey(civis.getApiKey()).build();

        assertThat(civis.getBaseUrl()).startsWith("http://127.0.0.1:");
        assertThat(client.users().getMe().username()).isEqualTo("simulator");
        Credential made = client.credentials().post(b -> b.type("Custom").name("in container").username("u")
            .password("p"));
        assertThat(client.credentials().get(made.id()).name()).isEqualTo("in container");
    }

    @Test
    void rejectsOtherKeys() {
        CivisClient client = CivisClient.builder().baseUrl(civis.getBaseUrl()).apiKey("wrong").build();

        assertThatExceptionOfType(CivisApiException.class).isThrownBy(() -> client.users().getMe())
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(401));
    }
}
