package io.github.civis.simulator.faults;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultsTest {

    @Test
    void nextNCallsThenUsedUp() {
        Faults faults = new Faults(1);
        faults.add(FaultRule.status(503).times(2));

        assertThat(faults.decide("GET", "/users/me", "/users/me").fault()).isNotNull();
        assertThat(faults.decide("GET", "/users/me", "/users/me").fault()).isNotNull();
        assertThat(faults.decide("GET", "/users/me", "/users/me")).isEqualTo(FaultDecision.NONE);
        assertThat(faults.rules()).isEmpty();
    }

    @Test
    void routeMatchesTemplateOrConcretePathAndVerb() {
        Faults faults = new Faults(1);
        faults.add(FaultRule.dropConnection().on("get", "/credentials/{id}/"));
        faults.add(FaultRule.malformedJson().on(null, "/files/7"));

        assertThat(faults.decide("GET", "/credentials/{id}", "/credentials/3").fault().kind())
            .isEqualTo(FaultRule.Kind.DROP_CONNECTION);
        assertThat(faults.decide("PUT", "/credentials/{id}", "/credentials/3")).isEqualTo(FaultDecision.NONE);
        assertThat(faults.decide("PATCH", "/files/{id}", "/files/7").fault().kind())
            .isEqualTo(FaultRule.Kind.MALFORMED_JSON);
    }

    @Test
    void latenciesAddUpBeforeTheDecisiveFault() {
        Faults faults = new Faults(1);
        faults.add(FaultRule.latency(Duration.ofMillis(100)));
        faults.add(FaultRule.latency(Duration.ofMillis(50)));
        faults.add(FaultRule.status(429).retryAfter(Duration.ofSeconds(2)));

        FaultDecision decision = faults.decide("GET", null, "/x");

        assertThat(decision.delay()).isEqualTo(Duration.ofMillis(150));
        assertThat(decision.fault().status()).isEqualTo(429);
    }

    @Test
    void sameSeedSameFaults() {
        Faults first = new Faults(9);
        Faults second = new Faults(9);
        first.add(FaultRule.status(500).rate(0.3));
        second.add(FaultRule.status(500).rate(0.3));
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            a.append(first.decide("GET", null, "/x").fault() != null ? 'x' : '.');
            b.append(second.decide("GET", null, "/x").fault() != null ? 'x' : '.');
        }
        assertThat(a.toString()).isEqualTo(b.toString()).contains("x").contains(".");
    }

    @Test
    void rejectsNonsense() {
        assertThatIllegalArgumentException().isThrownBy(() -> FaultRule.status(200)).withMessageContaining("400 to 599");
        assertThatIllegalArgumentException().isThrownBy(() -> FaultRule.status(503).rate(2))
            .withMessageContaining("between 0 and 1");
        assertThatIllegalArgumentException().isThrownBy(() -> FaultRule.status(503).times(0))
            .withMessageContaining("at least 1");
    }
}
