package io.github.civis.simulator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged executable jar: {@code java -jar civis-simulator.jar --port P --api-key K}
 * starts in seconds and answers {@code GET /users/me} with the key.
 */
class StandaloneJarIT {

    @Test
    void executableJarStartsInSecondsAndAnswersUsersMe() throws Exception {
        // Set by the build (failsafe), where the executable jar has just been packaged.
        Path jar = Path.of(System.getProperty("civis.simulator.jar", "target/civis-simulator.jar"));
        assertThat(Files.isRegularFile(jar)).as("jar at %s", jar).isTrue();
        int port = StandaloneProcessTest.freePort();
        warmUpHttpClient();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(StandaloneProcessTest.javaExecutable(), "-jar", jar.toString(),
                "--port", String.valueOf(port), "--api-key", "jar-key=dave")
            .redirectErrorStream(true)
            .start();
        try {
            String line = StandaloneProcessTest.firstLineContaining(process, "Civis simulator listening", 60);
            long listeningMillis = (System.nanoTime() - started) / 1_000_000;
            HttpResponse<String> me = RawHttp.send("GET", "http://127.0.0.1:" + port + "/users/me",
                    RawHttp.bearer("jar-key"), null);
            long answeredMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("Standalone jar: listening after " + listeningMillis + " ms, first /users/me answered after "
                    + answeredMillis + " ms (" + line + ")");
            // What a client does next: create an object and read it back.
            String base = "http://127.0.0.1:" + port + "/";
            HttpResponse<String> made = RawHttp.send("POST", base + "credentials", RawHttp.bearer("jar-key"),
                    "{\"type\":\"Custom\",\"name\":\"in jar\",\"username\":\"u\",\"password\":\"p\"}");
            HttpResponse<String> read = RawHttp.send("GET", base + "credentials/" + RawHttp.json(made).path("id").asLong(),
                    RawHttp.bearer("jar-key"), null);

            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(RawHttp.json(me).path("username").asString()).isEqualTo("dave");
            assertThat(made.statusCode()).as(made.body()).isBetween(200, 201);
            assertThat(RawHttp.json(read).path("name").asString()).isEqualTo("in jar");
            assertThat(listeningMillis).as("starts in seconds").isLessThan(30_000);
        }
        finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The test's own HTTP client is slow on first use; warm it so that the jar's time is measured. */
    private static void warmUpHttpClient() {
        try (CivisSimulator local = CivisSimulator.builder().apiKey("warm").build().start()) {
            RawHttp.send("GET", local.baseUrl() + "users/me", RawHttp.bearer("warm"), null);
        }
    }
}
