package io.github.civis.simulator.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulator answers to one request: a status, headers and body, possibly delayed, or
 * a dropped connection.
 *
 * @param status the HTTP status
 * @param headers the headers
 * @param body the body bytes, empty when none
 * @param delay how long to wait before answering
 * @param dropConnection whether to close the connection instead of answering
 */
public record SimulatorResponse(int status, Map<String, String> headers, byte[] body, Duration delay,
        boolean dropConnection) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A JSON answer. */
    public static SimulatorResponse json(int status, JsonNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return new SimulatorResponse(status, headers, JSON.writeValueAsBytes(body), Duration.ZERO, false);
    }

    /** An answer without body. */
    public static SimulatorResponse empty(int status) {
        return new SimulatorResponse(status, new LinkedHashMap<>(), new byte[0], Duration.ZERO, false);
    }

    /** An answer with raw bytes. */
    public static SimulatorResponse bytes(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new SimulatorResponse(status, headers, body, Duration.ZERO, false);
    }

    /** Closes the connection without answering. */
    public static SimulatorResponse drop() {
        return new SimulatorResponse(0, new LinkedHashMap<>(), new byte[0], Duration.ZERO, true);
    }

    /** This answer with one more header. */
    public SimulatorResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SimulatorResponse(status, copy, body, delay, dropConnection);
    }

    /** This answer, delayed. */
    public SimulatorResponse withDelay(Duration newDelay) {
        return new SimulatorResponse(status, headers, body, newDelay, dropConnection);
    }

    /** The body as text, for logs and tests. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
