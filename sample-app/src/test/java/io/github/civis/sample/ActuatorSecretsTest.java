package io.github.civis.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.civis.simulator.CivisSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key given on the command line and as a system property appears nowhere in
 * {@code /actuator/env} or {@code /actuator/configprops}, even with values shown: not under its
 * own name, and not inside another value, such as {@code sun.java.command}, the JVM's record of
 * its command line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--civis.api-key=" + ActuatorSecretsTest.KEY,
        properties = { "management.endpoints.web.exposure.include=env,configprops",
                "management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
class ActuatorSecretsTest {

    static final String KEY = "cmdline-key-5f0c2a9e7d";

    private static final String COMMAND = "sun.java.command";

    private static final String PREVIOUS_COMMAND = System.getProperty(COMMAND);

    private static final CivisSimulator simulator;

    static {
        // What the JVM reports when started as `java -jar sample-app.jar --civis.api-key=...`
        System.setProperty(COMMAND, "sample-app.jar --civis.api-key=" + KEY);
        System.setProperty("civis.api-key", KEY);
        simulator = CivisSimulator.builder().apiKey(KEY).port(0).build().start();
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        registry.add("civis.base-url", simulator::baseUrl);
    }

    @AfterAll
    static void restore() {
        simulator.stop();
        System.clearProperty("civis.api-key");
        if (PREVIOUS_COMMAND != null) {
            System.setProperty(COMMAND, PREVIOUS_COMMAND);
        }
        else {
            System.clearProperty(COMMAND);
        }
    }

    @Test
    void theKeyAppearsNowhereInEnvOrConfigprops() throws Exception {
        SampleHttp http = new SampleHttp(this.port);

        SampleHttp.TextResponse env = http.getText("/actuator/env");
        SampleHttp.TextResponse command = http.getText("/actuator/env/" + COMMAND);
        SampleHttp.TextResponse configprops = http.getText("/actuator/configprops");

        assertThat(env.status()).isEqualTo(200);
        assertThat(env.body()).contains(COMMAND).contains("commandLineArgs").contains("civis.api-key").doesNotContain(KEY);
        assertThat(command.status()).isEqualTo(200);
        assertThat(command.body()).doesNotContain(KEY);
        assertThat(configprops.status()).isEqualTo(200);
        assertThat(configprops.body()).contains("apiKey").doesNotContain(KEY);
        assertThat(http.get("/me").status()).as("the key works").isEqualTo(200);
    }

}
