package io.github.civis.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The response timeout bounds every request of a pooled connection, not only its first: the
 * server answers the first request at once on a kept-alive connection, and trickles the headers
 * of the second.
 */
class ResponseTimeoutOnReusedConnectionTest {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(500);

    private ServerSocket server;
    private CivisClient client;
    private final AtomicInteger connections = new AtomicInteger();

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void theSecondRequestOfAConnectionIsBoundedToo(String name, UnaryOperator<CivisClient.Builder> path)
            throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread serving = new Thread(this::serveOneConnection, "kept-alive-connection");
        serving.setDaemon(true);
        serving.start();
        client = path.apply(CivisClient.builder()
                .baseUrl("http://127.0.0.1:" + server.getLocalPort() + "/")
                .apiKey("test-key"))
                .responseTimeout(RESPONSE_TIMEOUT)
                .callTimeout(Duration.ofSeconds(30))
                .retryPolicy(CivisRetryPolicy.none())
                .build();
        CivisTransport transport = client.transport();

        assertThat(transport.call(GET_CREDENTIAL, CallArguments.path(1), BODY).get("id").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> transport.call(GET_CREDENTIAL, CallArguments.path(2), BODY))
                .isInstanceOfSatisfying(CivisTimeoutException.class,
                        ex -> assertThat(ex.phase()).isEqualTo(CivisTimeoutException.Phase.RESPONSE));
        assertThat(connections.get()).isEqualTo(1);
    }

    private void serveOneConnection() {
        try (Socket connection = server.accept()) {
            connections.incrementAndGet();
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            readRequestHead(in);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{\"id\":1}"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readRequestHead(in);
            // the second answer's headers, a byte every 100 ms: 4 s, never a pause of 500 ms
            for (char c : "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n{\"id\":2}".toCharArray()) {
                Thread.sleep(100);
                out.write(c);
                out.flush();
            }
        }
        catch (IOException | InterruptedException ex) {
            // the client gave up on the connection, or the test ended
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int read = 0; read < 64 * 1024 && matched < end.length; read++) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed before the request's headers ended");
            }
            matched = (next == end[matched]) ? matched + 1 : (next == end[0]) ? 1 : 0;
        }
    }
}
