package io.github.civis.simulator.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import io.github.civis.simulator.CivisSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @CivisSimulatorTest(endpointsDocument = …)} presents a platform whose API has moved.
 */
@SpringJUnitConfig(CivisSimulatorTestEndpointsDocumentTest.Empty.class)
@CivisSimulatorTest(endpointsDocument = "classpath:endpoints/moved.json")
class CivisSimulatorTestEndpointsDocumentTest {

    @Autowired
    CivisSimulator simulator;

    @Test
    void getEndpointsAnswersWithTheGivenDocument() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "endpoints/"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + simulator.apiKey())
            .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"version\": \"moved\"").contains("/jobs/{id}");
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
