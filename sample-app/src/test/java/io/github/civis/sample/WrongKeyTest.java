package io.github.civis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.civis.simulator.CivisSimulator;

/**
 * With a key the platform rejects, the app still starts; health is DOWN with a reason and the
 * endpoints answer with a clear error instead of a stack trace. The key never shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WrongKeyTest {

    private static final String WRONG_KEY = "wrong-key-5f1c9a7e";

    static final CivisSimulator SIMULATOR = CivisSimulator.builder().apiKey("the-right-key").port(0).build().start();

    @DynamicPropertySource
    static void civis(DynamicPropertyRegistry registry) {
        registry.add("civis.base-url", SIMULATOR::baseUrl);
        registry.add("civis.api-key", () -> WRONG_KEY);
    }

    @AfterAll
    static void stop() {
        SIMULATOR.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void healthIsDownWithAReasonAndEndpointsExplainTheError() throws Exception {
        SampleHttp http = new SampleHttp(port);
        SampleHttp.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        var civis = health.body().path("components").path("civis");
        assertThat(civis.path("status").asString()).isEqualTo("DOWN");
        assertThat(civis.toString()).containsIgnoringCase("key").doesNotContain(WRONG_KEY);

        SampleHttp.Response me = http.get("/me");
        assertThat(me.status()).isEqualTo(502);
        assertThat(me.body().path("detail").asString()).containsIgnoringCase("key").doesNotContain(WRONG_KEY);
        assertThat(me.body().has("trace")).isFalse();
    }
}
