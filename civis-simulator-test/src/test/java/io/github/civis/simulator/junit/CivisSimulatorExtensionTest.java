package io.github.civis.simulator.junit;

import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class CivisSimulatorExtensionTest {

    @Nested
    class Seeded {

        @RegisterExtension
        static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(
                builder -> builder.seed(Seed.readResource("seeds/cities.json")));

        @Test
        void startsWithTheSeedFilesTables(CivisClient client) {
            assertThat(client.sql().query("SELECT name FROM demo.cities", "warehouse").rows())
                .containsExactly(List.of("Oslo"), List.of("Lima"));
        }
    }

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
