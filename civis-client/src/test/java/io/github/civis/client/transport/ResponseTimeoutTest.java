package io.github.civis.client.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.retry.CivisRetryPolicy;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.GET_CREDENTIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the two time limits of an attempt bound, as the builder documents them: the response
 * timeout is the time from sending the request to the response's headers, however the server
 * spaces its bytes; the call timeout bounds the whole attempt, body included.
 */
class ResponseTimeoutTest {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(500);

    private RawHttpServer server;
    private CivisClient client;

    static List<Arguments> paths() {
        return List.of(
                Arguments.of("Reactor Netty", UnaryOperator.<CivisClient.Builder>identity()),
                Arguments.of("WebClient", (UnaryOperator<CivisClient.Builder>) builder ->
                        builder.webClientBuilder(WebClient.builder())),
                // blocking calls on the calling thread; reactive ones still go through Reactor Netty
                Arguments.of("blocking I/O", (UnaryOperator<CivisClient.Builder>) builder -> builder.blockingIo(true)));
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private CivisTransport transport(UnaryOperator<CivisClient.Builder> path, Duration callTimeout) {
        client = path.apply(server.clientBuilder())
                .responseTimeout(RESPONSE_TIMEOUT)
                .callTimeout(callTimeout)
                .retryPolicy(CivisRetryPolicy.none())
                .build();
        return client.transport();
    }

    /** Writes the text a byte at a time, each after a pause shorter than the response timeout. */
    private static void trickle(OutputStream out, String text, long pauseMillis)
            throws IOException, InterruptedException {
        for (char c : text.toCharArray()) {
            Thread.sleep(pauseMillis);
            RawHttpServer.write(out, String.valueOf(c));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void headersTrickledPastTheResponseTimeoutFailWithIt(String name, UnaryOperator<CivisClient.Builder> path)
            throws IOException {
        // about 40 bytes, one every 100 ms: 4 s to the end of the headers, no pause as long as 500 ms
        server = RawHttpServer.start(out -> trickle(out,
                "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n{\"id\":1}", 100));
        CivisTransport transport = transport(path, Duration.ofSeconds(30));

        assertThatThrownBy(() -> transport.call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisTimeoutException.class, ex -> {
                    assertThat(ex.phase()).isEqualTo(CivisTimeoutException.Phase.RESPONSE);
                    assertThat(ex.timeout()).isEqualTo(RESPONSE_TIMEOUT);
                    assertThat(ex.getMessage()).isEqualTo("GET /credentials/{id} (/credentials/1) got no response "
                            + "headers within the response timeout of 500 ms");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aBodyThatPausesLongerThanTheResponseTimeoutIsStillRead(String name, UnaryOperator<CivisClient.Builder> path)
            throws IOException {
        server = RawHttpServer.start(out -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{");
            // twice the response timeout, well within the call timeout
            Thread.sleep(2 * RESPONSE_TIMEOUT.toMillis());
            RawHttpServer.write(out, "\"id\":1}");
        });
        CivisTransport transport = transport(path, Duration.ofSeconds(30));

        assertThat(transport.call(GET_CREDENTIAL, CallArguments.path(1), BODY).get("id").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aTricklingBodyIsBoundedByTheCallTimeout(String name, UnaryOperator<CivisClient.Builder> path)
            throws IOException {
        // headers at once, then a body of 200 bytes at one every 100 ms: 20 s, past the 2 s call timeout
        String body = "[" + "1,".repeat(99) + "1]";
        server = RawHttpServer.start(out -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n");
            trickle(out, body, 100);
        });
        CivisTransport transport = transport(path, Duration.ofSeconds(2));

        assertThatThrownBy(() -> transport.call(GET_CREDENTIAL, CallArguments.path(1), BODY))
                .isInstanceOfSatisfying(CivisTimeoutException.class, ex -> {
                    assertThat(ex.phase()).isEqualTo(CivisTimeoutException.Phase.CALL);
                    assertThat(ex.timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(ex.getMessage()).contains("did not complete within the call timeout of 2000 ms");
                });
    }
}
