package io.github.civis.simulator.spring;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisServerException;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One annotation gives a Spring test a running simulator whose URL and key are the {@code civis.*}
 * properties, ahead of the test's own property sources.
 */
@SpringJUnitConfig(CivisSimulatorTestTest.Empty.class)
@CivisSimulatorTest(apiKey = "spring-test-key", username = "erin")
@TestPropertySource(properties = { "civis.base-url=https://api.example.com/", "civis.api-key=overridden" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CivisSimulatorTestTest {

    @Value("${civis.base-url}")
    String baseUrl;

    @Value("${civis.api-key}")
    String apiKey;

    @Autowired
    CivisSimulator simulator;

    @Test
    @Order(1)
    void propertiesPointAtTheRunningSimulator() {
        assertThat(baseUrl).isEqualTo(simulator.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(apiKey).isEqualTo("spring-test-key");
        try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
            assertThat(client.users().getMe().username()).isEqualTo("erin");
        }
    }

    @Test
    @Order(2)
    void faultsAddedByATestApply() {
        simulator.faults().add(FaultRule.status(500).on("GET", "/users/me"));
        try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
            assertThatExceptionOfType(CivisServerException.class).isThrownBy(() -> client.users().getMe());
        }
    }

    @Test
    @Order(3)
    void faultsOfTheTestBeforeAreCleared() {
        assertThat(simulator.faults().rules()).isEmpty();
        try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
            assertThat(client.users().getMe().username()).isEqualTo("erin");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
