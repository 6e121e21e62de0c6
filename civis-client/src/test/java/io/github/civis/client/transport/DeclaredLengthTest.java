package io.github.civis.client.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisResponseTooLargeException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.retry.CivisRetryPolicy;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.GET_CREDENTIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server's {@code Content-Length} is a claim, not bytes: the client holds what arrives, never
 * what was announced, and whatever goes wrong while it reads ends the call with an error.
 */
class DeclaredLengthTest {

    /** Announces 60 MB (within the default 64 MB limit), sends a few bytes, and hangs up. */
    private static final RawHttpServer.Script CLAIMS_60_MB = out -> RawHttpServer.write(out,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 60000000\r\n\r\n{\"id\":");

    private RawHttpServer server;
    private CivisClient client;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private CivisTransport transport() {
        client = server.clientBuilder().retryPolicy(CivisRetryPolicy.none()).build();
        return client.transport();
    }

    @Test
    void aLengthAboveTheLimitFailsAsTooLargeBeforeTheBodyIsRead() throws IOException {
        // 3 GB: more than an int, and more than any limit the client can be given
        server = RawHttpServer.start(out -> RawHttpServer.write(out,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 3000000000\r\n\r\n[1,"));

        assertThatThrownBy(() -> transport().call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOf(CivisResponseTooLargeException.class)
                .hasMessageContaining("in-memory limit");
    }

    @Test
    void anErrorWhileReadingTheAnswerEndsTheCallInsteadOfTheEventLoop() throws IOException {
        server = RawHttpServer.start(out -> RawHttpServer.write(out,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{\"id\":1}"));
        CivisTransport transport = transport();
        ResponseReader<JsonNode> failing = (body, metadata) -> {
            throw new OutOfMemoryError("reader could not allocate");
        };

        // the bound only ends a failing run: a passing one ends as soon as the error arrives
        StepVerifier.create(transport.callReactive(GET_CREDENTIAL, CallArguments.path(1), failing))
                .expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(OutOfMemoryError.class)
                        .hasMessage("reader could not allocate"))
                .verify(Duration.ofSeconds(30));
        // the event loop lives on: the next call is answered
        assertThat(transport.call(GET_CREDENTIAL, CallArguments.path(1), BODY).get("id").asInt()).isEqualTo(1);
    }

    /**
     * Four calls at once to a server announcing 60 MB each, in a JVM of 64 MB that stops at its
     * first {@code OutOfMemoryError}, in whichever thread: each call fails as a broken connection,
     * because nothing is allocated for bytes that never came.
     */
    @Test
    void aLargeAnnouncedLengthIsNotAllocatedBeforeTheBytesArrive() throws IOException, InterruptedException {
        server = RawHttpServer.start(CLAIMS_60_MB);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("declared-length-", ".log");
        Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), DeclaredLengthTest.class.getName(), server.url())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);

        assertThat(ended).as("the small-heap JVM ended").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError")
                .contains("call 0: " + CivisTransportException.class.getName())
                .contains("call 3: " + CivisTransportException.class.getName())
                .contains("Connection prematurely closed");
    }

    /**
     * Runs in the small-heap JVM: four calls at once, each printing what it failed with.
     * @param args the server's base URL
     */
    public static void main(String[] args) {
        try (CivisClient client = CivisClient.builder().baseUrl(args[0]).apiKey("key")
                .retryPolicy(CivisRetryPolicy.none()).callTimeout(Duration.ofMinutes(1)).build()) {
            List<Mono<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int call = i;
                calls.add(client.transport().callReactive(GET_CREDENTIAL, CallArguments.path(1), BODY)
                        .map(body -> "call " + call + ": answered " + body)
                        .onErrorResume(ex -> Mono.just("call " + call + ": " + ex.getClass().getName() + ": "
                                + ex.getMessage() + " / " + ex.getCause())));
            }
            Mono.zip(calls, results -> results).blockOptional(Duration.ofMinutes(2))
                    .ifPresent(results -> {
                        for (Object result : results) {
                            System.out.println(result);
                        }
                    });
        }
    }
}
