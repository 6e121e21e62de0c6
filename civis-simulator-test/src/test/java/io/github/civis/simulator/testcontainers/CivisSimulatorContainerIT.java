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
 * The simulator of the class path in a container, reached through the client. Skipped where
 * Docker is not available; where Docker has no bridge network, run it with
 * {@code CIVIS_TEST_HOST_NETWORK=true}.
 */
@Testcontainers(disabledWithoutDocker = true)
class CivisSimulatorContainerIT {

    @Container
    static CivisSimulatorContainer civis = new CivisSimulatorContainer();

    @Test
    void readsMe() {
        try (CivisClient client = CivisClient.builder().baseUrl(civis.getBaseUrl()).apiKey(civis.getApiKey()).build()) {
            assertThat(client.users().getMe().username()).isEqualTo("simulator");
        }
    }

    @Test
    void keepsWhatIsCreated() {
        try (CivisClient client = CivisClient.builder().baseUrl(civis.getBaseUrl()).apiKey(civis.getApiKey()).build()) {
            Credential made = client.credentials().post(b -> b.type("Custom").name("in container").username("u")
                .password("p"));
            assertThat(client.credentials().get(made.id()).name()).isEqualTo("in container");
        }
    }

    @Test
    void listensWhereTheNetworkModeSays() {
        assertThat(civis.usesHostNetwork()).isEqualTo(CivisSimulatorContainer.hostNetworkRequested());
        assertThat(civis.getBaseUrl()).startsWith("http://").endsWith(":" + civis.getPort() + "/");
        if (civis.usesHostNetwork()) {
            assertThat(civis.getBaseUrl()).startsWith("http://127.0.0.1:");
        }
        else {
            assertThat(civis.getMappedPort(CivisSimulatorContainer.SIMULATOR_PORT)).isEqualTo(civis.getPort());
        }
    }

    @Test
    void rejectsOtherKeys() {
        try (CivisClient client = CivisClient.builder().baseUrl(civis.getBaseUrl()).apiKey("wrong").build()) {
            assertThatExceptionOfType(CivisApiException.class).isThrownBy(() -> client.users().getMe())
                .satisfies(ex -> assertThat(ex.status()).isEqualTo(401));
        }
    }
}
