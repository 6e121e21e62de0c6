package io.github.civis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.civis.client.api.CredentialsApi;
import io.github.civis.client.api.UsersApi;
import io.github.civis.client.error.CivisServerException;
import io.github.civis.client.model.Credential;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.spring.CivisSimulatorTest;
import io.github.civis.spring.autoconfigure.CivisConnectionDetails;

/**
 * One annotation on a {@code @SpringBootTest} points the starter's beans at a simulator started for
 * the context. (The sample's own embedded simulator is switched off, as an application without it
 * would be.)
 */
@SpringBootTest(properties = "sample.simulator.enabled=false")
@CivisSimulatorTest(username = "tess")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CivisSimulatorTestAnnotationTest {

    @Autowired
    CredentialsApi credentials;

    @Autowired
    UsersApi users;

    @Autowired
    CivisSimulator simulator;

    @Autowired
    CivisConnectionDetails connection;

    @Test
    @Order(1)
    void apiBeansTalkToTheSimulator() {
        Credential made = credentials.post(b -> b.type("Custom").name("from-boot-test").username("u").password("p"));

        assertThat(connection.baseUrl()).isEqualTo(simulator.baseUrl());
        assertThat(users.getMe().username()).isEqualTo("tess");
        assertThat(credentials.get(made.id()).name()).isEqualTo("from-boot-test");
    }

    @Test
    @Order(2)
    void faultsOfATestApplyToTheApplication() {
        simulator.faults().add(FaultRule.status(500).on("GET", "/users/me"));

        assertThatExceptionOfType(CivisServerException.class).isThrownBy(() -> users.getMe());
    }

    @Test
    @Order(3)
    void andAreGoneInTheNextTest() {
        assertThat(users.getMe().username()).isEqualTo("tess");
    }
}
