package io.github.civis.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator as a separate process, started like the standalone jar but from the test
 * classpath (the jar is tested by {@code StandaloneJarIT} after packaging).
 */
class StandaloneProcessTest {

    @Test
    void separateProcessAnswersUsersMeWithTheConfiguredKey() throws Exception {
        int port = freePort();
        Process process = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", String.valueOf(port), "--api-key", "proc-key=carol")
            .redirectErrorStream(true)
            .start();
        try {
            String line = firstLineContaining(process, "Civis simulator listening", 60);
            HttpResponse<String> me = RawHttp.send("GET", "http://127.0.0.1:" + port + "/users/me",
                    RawHttp.bearer("proc-key"), null);

            assertThat(line).contains("http://127.0.0.1:" + port + "/");
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(RawHttp.json(me).path("username").asString()).isEqualTo("carol");
        }
        finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void invalidOptionsExitWithCode2() throws Exception {
        Process process = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", "nope", "--api-key", "k")
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--port needs a whole number");
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Reads the process output until a line contains the text; bounded in time. */
    static String firstLineContaining(Process process, String text, int timeoutSeconds) throws Exception {
        List<String> seen = new ArrayList<>();
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    seen.add(line);
                    if (line.contains(text)) {
                        return line;
                    }
                }
                throw new IllegalStateException("Process ended without '" + text + "': " + seen);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        return found.get(timeoutSeconds, TimeUnit.SECONDS);
    }
}
