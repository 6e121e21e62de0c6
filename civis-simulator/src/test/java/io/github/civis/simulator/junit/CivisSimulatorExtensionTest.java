package io.github.civis.simulator.junit;

import io.github.civis.client.CivisClient;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class CivisSimulatorExtensionTest {

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerClass {

        @RegisterExtension
        static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();

        @Test
        @Order(1)
        void leavesAFaultBehind(CivisSimulator simulator) {
            simulator.faults().add(FaultRule.status(503));

            assertThat(simulator.faults().rules()).hasSize(1);
            assertThat(civis.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(civis.apiKey()).isEqualTo(CivisSimulatorExtension.DEFAULT_API_KEY);
        }

        @Test
        @Order(2)
        void faultsAreClearedBetweenTests(CivisClient client) {
            assertThat(civis.simulator().faults().rules()).isEmpty();
            assertThat(client.users().getMe().username()).isEqualTo("simulator");
        }
    }

    @Nested
    class PerTest {

        @RegisterExtension
        final CivisSimulatorExtension civis = CivisSimulatorExtension.create(b -> b.apiKey("mine", "frank"));

        @Test
        void eachTestHasAFreshSimulator(CivisClient client) {
            client.credentials().post(b -> b.type("Custom").name("only").username("u").password("p"));

            assertThat(client.credentials().list()).hasSize(1);
            assertThat(civis.simulator().apiKeys()).containsEntry("mine", "frank");
        }

        @Test
        void anotherFreshSimulator(CivisClient client) {
            client.credentials().post(b -> b.type("Custom").name("only").username("u").password("p"));

            assertThat(client.credentials().list()).hasSize(1);
        }
    }
}
