package io.github.civis.simulator.spring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import io.github.civis.client.CivisClient;
import io.github.civis.simulator.CivisSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The simulator lives exactly as long as the context it was started for. */
class CivisSimulatorContextCustomizerTest {

    @Test
    void simulatorStopsWhenTheContextCloses() throws Exception {
        int port;
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            new CivisSimulatorContextCustomizer("k", "simulator", 0).customizeContext(context, null);
            context.refresh();
            CivisSimulator simulator = context.getBean(CivisSimulator.class);
            port = simulator.port();
            try (CivisClient client = CivisClient.builder()
                .baseUrl(context.getEnvironment().getRequiredProperty("civis.base-url"))
                .apiKey(context.getEnvironment().getRequiredProperty("civis.api-key"))
                .build()) {
                assertThat(client.users().getMe().username()).isEqualTo("simulator");
            }
        }
        assertThatExceptionOfType(IOException.class).as("nothing listens on port %d any more", port)
            .isThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                }
            });
    }

    @Test
    void equalSettingsShareTheCachedContext() {
        assertThat(new CivisSimulatorContextCustomizer("k", "u", 0)).isEqualTo(new CivisSimulatorContextCustomizer("k", "u", 0))
            .hasSameHashCodeAs(new CivisSimulatorContextCustomizer("k", "u", 0))
            .isNotEqualTo(new CivisSimulatorContextCustomizer("k", "u", 5));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CivisSimulatorContextCustomizer(" ", "u", 0))
            .withMessageContaining("apiKey");
        assertThatIllegalArgumentException().isThrownBy(() -> new CivisSimulatorContextCustomizer("k", "u", -1))
            .withMessageContaining("runStepMillis");
    }

    @Test
    void theAnnotationsRateLimitIsEnforced() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            new CivisSimulatorContextCustomizer("k", "simulator", 0, "", "2/60s", "", java.util.List.of()).customizeContext(context, null);
            context.refresh();
            CivisSimulator simulator = context.getBean(CivisSimulator.class);
            try (CivisClient client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("k")
                .rateLimit(io.github.civis.client.ratelimit.RateLimitSettings.disabled())
                .retryPolicy(io.github.civis.client.retry.CivisRetryPolicy.none()).build()) {
                client.users().getMe();
                client.users().getMe();
                assertThatExceptionOfType(io.github.civis.client.error.CivisRateLimitException.class)
                    .isThrownBy(() -> client.users().getMe());
            }
        }
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new CivisSimulatorContextCustomizer("k", "u", 0, "", "lots", "", java.util.List.of()))
            .withMessageContaining("@CivisSimulatorTest(rateLimit)");
    }
}
