package io.github.civis.simulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.civis.client.CivisClient;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.model.Credential;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.sql.Seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link CivisSimulator#reset()} puts a running simulator back as it was built, on the same URL. */
class SimulatorResetTest {

    @Test
    void resetForgetsWhatWasMadeAndRestoresTheBuildersSeedsFaultsAndIds() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("k", "erin").runStep(Duration.ZERO)
            .seed(new Seed().table("warehouse", "demo.cities", List.of("name"), List.of(List.of("Oslo"))))
            .fault(FaultRule.status(503).on("GET", "/jobs"))
            .build().start();
                CivisClient client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("k").build()) {
            long databaseId = client.lookups().databaseId("warehouse");
            List<String> credentialsAtStart = client.credentials().listAll(q -> { }).map(Credential::name).toList();
            String url = simulator.baseUrl();
            client.credentials().post(b -> b.type("Custom").name("made").username("u").password("p"));
            simulator.seed(new Seed().database("scratch"));
            simulator.faults().clear();

            simulator.reset();

            try (CivisClient fresh = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("k").build()) {
                assertThat(simulator.baseUrl()).isEqualTo(url);
                assertThat(fresh.users().getMe().username()).isEqualTo("erin");
                assertThat(fresh.lookups().databaseId("warehouse")).as("the same id as the first time")
                    .isEqualTo(databaseId);
                assertThatExceptionOfType(CivisLookupException.class).isThrownBy(() -> fresh.lookups().databaseId("scratch"));
                assertThat(fresh.credentials().listAll(q -> { }).map(Credential::name).toList())
                    .isEqualTo(credentialsAtStart);
                assertThat(fresh.sql().query("SELECT name FROM demo.cities", "warehouse").rows())
                    .containsExactly(List.of("Oslo"));
                assertThat(simulator.faults().rules()).as("the builder's fault rule is back").hasSize(1);
            }
        }
    }
}
