package io.github.civis.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server on 127.0.0.1 that plays the Civis API for one recording at a time: it
 * checks each request it receives against the recording and answers with the recorded status,
 * headers and body whatever it received, so that the client's handling of the response is
 * checked even when its request was wrong (the runner reports the request problems first).
 */
final class RecordingServer implements AutoCloseable {

    /** Headers that describe the recorded connection, not the response; the server sets its own. */
    private static final Set<String> HOP_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive");

    private final HttpServer server;
    private final String expectedAuthorization;
    private volatile Exchange current;

    /**
     * Starts a server on a free port of 127.0.0.1.
     * @param apiKey the key the client is configured with; every request must carry it
     */
    RecordingServer(String apiKey) {
        this.expectedAuthorization = "Bearer " + apiKey;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot start the local server: " + ex.getMessage(), ex);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL the client calls. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Arms the server for one recording.
     * @param recording what to answer
     * @param expected what must be received
     * @return the exchange, which collects what happens
     */
    Exchange expect(Recording recording, ExpectedRequest expected) {
        Exchange exchange = new Exchange(recording, expected);
        current = exchange;
        return exchange;
    }

    private void handle(HttpExchange http) throws IOException {
        Exchange exchange = current;
        try (http) {
            String body;
            try (InputStream in = http.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (exchange == null) {
                http.sendResponseHeaders(500, -1);
                return;
            }
            exchange.received(exchange.expected.differences(http.getRequestMethod().toUpperCase(Locale.ROOT),
                    http.getRequestURI().getRawPath(), http.getRequestURI().getRawQuery(),
                    http.getRequestHeaders().getFirst("Authorization"), expectedAuthorization, body));
            Recording recording = exchange.recording;
            boolean hasContentType = false;
            for (Map.Entry<String, String> header : recording.headers().entrySet()) {
                if (!HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    http.getResponseHeaders().add(header.getKey(), header.getValue());
                    hasContentType |= header.getKey().equalsIgnoreCase("Content-Type");
                }
            }
            byte[] bytes = recording.responseBody().isNull() ? new byte[0]
                    : recording.responseBody().toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0 && !hasContentType) {
                http.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            }
            boolean empty = bytes.length == 0 || recording.status() == 204 || recording.status() == 304
                    || "HEAD".equalsIgnoreCase(http.getRequestMethod());
            http.sendResponseHeaders(recording.status(), empty ? -1 : bytes.length);
            if (!empty) {
                try (OutputStream out = http.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            if (exchange != null) {
                exchange.received(List.of("the local server failed to answer: " + ex));
            }
            throw ex;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What the server saw for one recording. */
    static final class Exchange {

        private final Recording recording;
        private final ExpectedRequest expected;
        private final List<String> problems = new ArrayList<>();
        private int requests;

        private Exchange(Recording recording, ExpectedRequest expected) {
            this.recording = recording;
            this.expected = expected;
        }

        private synchronized void received(List<String> differences) {
            requests++;
            for (String difference : differences) {
                if (!problems.contains(difference)) {
                    problems.add(difference);
                }
            }
        }

        /** Number of requests received (more than one when the client retried). */
        synchronized int requests() {
            return requests;
        }

        /** How the received requests differ from the recorded one. */
        synchronized List<String> problems() {
            return List.copyOf(problems);
        }
    }
}
