package io.github.civis.simulator.http;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors in the Civis API's own form: a JSON object with {@code error}, {@code errorDescription}
 * and {@code code}.
 */
public final class CivisErrors {

    private CivisErrors() {
    }

    /** An error answer. */
    public static SimulatorResponse error(int status, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", errorCode(status));
        body.put("errorDescription", description);
        body.put("code", status);
        return SimulatorResponse.json(status, body);
    }

    /** The 404 of an unknown route or object. */
    public static SimulatorResponse notFound(String description) {
        return error(404, description);
    }

    /** The API's short error name for a status. */
    public static String errorCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 422 -> "unprocessable_entity";
            case 429 -> "too_many_requests";
            case 500 -> "internal_server_error";
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            case 504 -> "gateway_timeout";
            default -> (status >= 500) ? "server_error" : "client_error";
        };
    }
}
