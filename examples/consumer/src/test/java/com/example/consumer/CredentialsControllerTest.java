package com.example.consumer;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.civis.simulator.spring.CivisSimulatorTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@CivisSimulatorTest
class CredentialsControllerTest {

    @LocalServerPort
    int port;

    /** A client of the application; the JDK's HTTP client has no read timeout to trip on a slow machine. */
    RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
            .requestFactory(new JdkClientHttpRequestFactory()).build();
    }

    @Test
    void createsAndListsCredentials() {
        RestClient http = http();

        http.post().uri("/credentials").body(new CredentialsController.NewCredential("warehouse", "u", "p"))
            .retrieve().toBodilessEntity();
        List<String> names = http.get().uri("/credentials").retrieve()
            .body(new ParameterizedTypeReference<List<String>>() { });

        assertThat(names).contains("warehouse");
    }

    @Test
    void civisHealthIsUp() {
        String health = http().get().uri("/actuator/health/civis")
            .retrieve().body(String.class);

        assertThat(health).contains("\"status\":\"UP\"").contains("\"user\":\"simulator\"");
    }
}
