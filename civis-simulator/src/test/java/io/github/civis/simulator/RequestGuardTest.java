package io.github.civis.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator refuses what it must not read: a body sent with a wrong key, or announced
 * beyond the body limit, is answered before any of it is read; a body that grows beyond the
 * limit while read gets 413; the admin endpoints need the key when the simulator listens
 * beyond loopback.
 */
class RequestGuardTest {

    /** 400 MB: announced, never sent in full. */
    private static final long HUGE = 400L * 1024 * 1024;

    private static CivisSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = CivisSimulator.builder().apiKey("civis-simulator-test-key").runStep(Duration.ZERO)
            .maxRequestBodyBytes(1024)
            .build().start();
    }

    @AfterEach
    void clearFaults() {
        simulator.faults().clear();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void bodyWithAWrongKeyIsRefusedBeforeItIsRead() throws IOException {
        RawAnswer answer = sendHead(simulator.port(), "POST /credentials", "Bearer wrong-key", HUGE, 64 * 1024);

        assertThat(answer.statusLine()).startsWith("HTTP/1.1 401");
        assertThat(answer.text()).contains("\"error\":\"unauthorized\"").containsIgnoringCase("X-RateLimit-Limit: 1000");
        assertThat(answer.closed()).as("the connection is closed instead of the rest of the body being read").isTrue();
    }

    @Test
    void bodyAnnouncedBeyondTheLimitIsRefusedBeforeItIsRead() throws IOException {
        RawAnswer answer = sendHead(simulator.port(), "POST /credentials", "Bearer " + simulator.apiKey(), HUGE,
                64 * 1024);

        assertThat(answer.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(answer.text()).contains("\"error\":\"payload_too_large\"").contains("limit of 1024 bytes");
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void chunkedBodyGrowingBeyondTheLimitGets413AndSmallerOnesPass() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String big = "{\"type\": \"Custom\", \"name\": \"" + "x".repeat(4096) + "\"}";
        String small = "{\"type\": \"Custom\", \"name\": \"small\", \"username\": \"u\", \"password\": \"p\"}";

        HttpResponse<String> refused = client.send(chunkedPost(big), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> accepted = client.send(chunkedPost(small), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(RawHttp.json(refused).path("errorDescription").asString())
            .isEqualTo("The request body is larger than the simulator's limit of 1024 bytes.");
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(RawHttp.json(accepted).path("name").asString()).isEqualTo("small");
    }

    @Test
    void adminEndpointsNeedNoKeyOnLoopback() {
        assertThat(RawHttp.send("GET", simulator.baseUrl() + "_simulator/faults", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void adminEndpointsNeedTheKeyBeyondLoopback() {
        // Listening on every interface; the test itself only talks to 127.0.0.1.
        try (CivisSimulator open = CivisSimulator.builder().host("0.0.0.0").apiKey("admin-key").build().start()) {
            String admin = "http://127.0.0.1:" + open.port() + "/_simulator/";

            HttpResponse<String> anonymousList = RawHttp.send("GET", admin + "faults", null, null);
            HttpResponse<String> anonymousAdd = RawHttp.send("POST", admin + "faults", null, "{\"status\": 503}");
            HttpResponse<String> wrongKey = RawHttp.send("GET", admin + "stats", RawHttp.bearer("wrong"), null);
            HttpResponse<String> withKey = RawHttp.send("GET", admin + "faults", RawHttp.bearer("admin-key"), null);
            HttpResponse<String> health = RawHttp.send("GET", admin + "health", null, null);

            assertThat(anonymousList.statusCode()).isEqualTo(401);
            assertThat(RawHttp.json(anonymousList).path("errorDescription").asString())
                .contains("admin endpoints need the API key");
            assertThat(anonymousAdd.statusCode()).isEqualTo(401);
            assertThat(open.faults().rules()).as("the anonymous rule was not added").isEmpty();
            assertThat(wrongKey.statusCode()).isEqualTo(401);
            assertThat(withKey.statusCode()).isEqualTo(200);
            assertThat(health.statusCode()).as("the health check reveals nothing and stays open").isEqualTo(200);
        }
    }

    private static HttpRequest chunkedPost(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // A publisher of unknown length: the client sends the body chunked, without Content-Length.
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "credentials"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", RawHttp.bearer(simulator.apiKey()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
            .build();
    }

    /**
     * Sends a request head announcing {@code contentLength} bytes, then only {@code sent} of
     * them, and reads the answer: the server can only answer if it does so without waiting
     * for the whole body.
     */
    private static RawAnswer sendHead(int port, String requestLine, String authorization, long contentLength, int sent)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + (authorization != null ? "Authorization: " + authorization + "\r\n" : "")
                    + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] part = new byte[sent];
            Arrays.fill(part, (byte) ' ');
            try {
                out.write(part);
                out.flush();
            }
            catch (IOException ex) {
                // The server may already have answered and closed; the answer is still readable.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            // Reads until the server closes the connection (bounded by the socket timeout and the size).
            while (received.size() < 1_000_000) {
                int read;
                try {
                    read = in.read(buffer);
                }
                catch (java.net.SocketException ex) {
                    closed = true;
                    break;
                }
                if (read < 0) {
                    closed = true;
                    break;
                }
                received.write(buffer, 0, read);
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n");
            return new RawAnswer(end < 0 ? text : text.substring(0, end), text, closed);
        }
    }

    private record RawAnswer(String statusLine, String text, boolean closed) {
    }
}
