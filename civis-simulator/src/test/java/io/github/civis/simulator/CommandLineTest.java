package io.github.civis.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The command-line options and the in-process start.
 */
class CommandLineTest {

    @Test
    void startsInProcessAndAnswersUsersMe() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CivisSimulator simulator = Main.start(new String[] { "--port", "0", "--api-key", "cli-key=bob",
            "--run-step-millis", "10" }, new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> me = RawHttp.send("GET", simulator.baseUrl() + "users/me", RawHttp.bearer("cli-key"),
                    null);

            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Civis simulator listening on http://127.0.0.1:");
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(RawHttp.json(me).path("username").asString()).isEqualTo("bob");
        }
        finally {
            simulator.stop();
        }
    }

    @Test
    void faultOptionsBecomeRules() {
        CivisSimulator simulator = CommandLine.parse(new String[] { "--api-key", "k", "--fault", "503:0.2",
            "--fault=429:0.1", "--retry-after", "7", "--latency", "5" }, null).build();

        assertThat(simulator.faults().rules()).hasSize(3);
        assertThat(simulator.faults().rules()).anySatisfy(r -> {
            assertThat(r.rule().status()).isEqualTo(429);
            assertThat(r.rule().rate()).isEqualTo(0.1);
            assertThat(r.rule().retryAfter()).hasSeconds(7);
        });
    }

    @Test
    void maxBodyBytesBoundsApiBodies() {
        CivisSimulator simulator = CommandLine.parse(new String[] { "--api-key", "k", "--max-body-bytes", "64" }, null)
            .build()
            .start();
        try {
            HttpResponse<String> tooLarge = RawHttp.send("POST", simulator.baseUrl() + "credentials", RawHttp.bearer("k"),
                    "{\"type\": \"Custom\", \"name\": \"" + "x".repeat(100) + "\"}");

            assertThat(tooLarge.statusCode()).isEqualTo(413);
        }
        finally {
            simulator.stop();
        }
    }

    @Test
    void maxTableBytesCapsImportedTables() {
        CivisSimulator simulator = CommandLine.parse(new String[] { "--api-key", "k", "--max-table-bytes", "5000000000" },
                null)
            .build();
        try {
            assertThat(simulator.databases().files().maxBytes()).isEqualTo(5_000_000_000L);
        }
        finally {
            simulator.stop();
        }
    }

    @Test
    void helpReturnsNoBuilder() {
        assertThat(CommandLine.parse(new String[] { "--help" }, null)).isNull();
    }

    @Test
    void environmentKeyIsTheFallback() {
        assertThat(CommandLine.parse(new String[0], "env-key").build().apiKey()).isEqualTo("env-key");
    }

    @Test
    void invalidOptionsSayWhy() {
        assertInvalid("Unknown option '--prot'", "--prot", "1");
        assertInvalid("--port must be from 0 to 65535", "--api-key", "k", "--port", "70000");
        assertInvalid("--port needs a whole number", "--api-key", "k", "--port", "x");
        assertInvalid("--fault takes <status>:<rate>", "--api-key", "k", "--fault", "503");
        assertInvalid("rate from 0 to 1", "--api-key", "k", "--fault", "503:1.5");
        assertInvalid("--fault must be from 400 to 599", "--api-key", "k", "--fault", "200:0.5");
        assertInvalid("needs a value", "--api-key");
        assertInvalid("at least one --api-key", "--port", "0");
        assertInvalid("--max-body-bytes needs a whole number", "--api-key", "k", "--max-body-bytes", "10MB");
        assertInvalid("--max-table-bytes must be from 0", "--api-key", "k", "--max-table-bytes", "-1");
    }

    private static void assertInvalid(String message, String... args) {
        assertThatExceptionOfType(CommandLine.InvalidOptionException.class)
            .isThrownBy(() -> CommandLine.parse(args, null))
            .withMessageContaining(message);
    }
}
