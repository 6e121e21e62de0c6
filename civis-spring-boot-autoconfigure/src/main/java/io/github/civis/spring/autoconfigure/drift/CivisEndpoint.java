package io.github.civis.spring.autoconfigure.drift;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import io.github.civis.catalog.surface.ApiDrift;
import io.github.civis.client.CivisClient;

/**
 * The {@code civis} actuator endpoint ({@code GET /actuator/civis}): the connection (base URL
 * without any user info, the user behind the key, the rate-limit calls remaining) and the drift
 * between the bundled API and the platform's ({@code removed}, {@code added}, {@code changed}
 * operations, each with its verb and route and whether this application has called it). It makes
 * no call itself: it shows the latest background check. The API key never appears.
 */
@Endpoint(id = "civis")
public class CivisEndpoint {

    private final CivisClient client;
    private final @Nullable CivisDriftMonitor monitor;

    /**
     * Creates the endpoint.
     * @param client the client whose connection is shown
     * @param monitor the drift check, or {@code null} when {@code civis.drift.enabled=false}
     */
    public CivisEndpoint(CivisClient client, @Nullable CivisDriftMonitor monitor) {
        this.client = client;
        this.monitor = monitor;
    }

    /**
     * The connection and the drift.
     * @return a JSON-ready description
     */
    @ReadOperation
    public Map<String, Object> civis() {
        CivisDriftMonitor.@Nullable Result result = (this.monitor != null) ? this.monitor.result() : null;
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("baseUrl", withoutUserInfo(this.client.baseUrl()));
        if (result != null && result.user() != null) {
            connection.put("user", result.user());
        }
        Long remaining = this.client.rateLimit().remaining();
        if (remaining != null) {
            connection.put("rateLimitRemaining", remaining);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connection", connection);
        body.put("drift", drift(result));
        return body;
    }

    private Map<String, Object> drift(CivisDriftMonitor.@Nullable Result result) {
        Map<String, Object> drift = new LinkedHashMap<>();
        CivisDriftMonitor checker = this.monitor;
        if (checker == null) {
            drift.put("status", "disabled");
            return drift;
        }
        if (result == null) {
            drift.put("status", "pending");
            return drift;
        }
        boolean checked = result.platformOperations() >= 0;
        drift.put("status", (result.error() == null) ? "checked" : "failed");
        drift.put("checkedAt", result.checkedAt().toString());
        if (result.error() != null) {
            drift.put("error", result.error());
        }
        if (!checked) {
            return drift;
        }
        drift.put("bundledOperations", checker.bundledOperations());
        drift.put("platformOperations", result.platformOperations());
        drift.put("usedDrifted", checker.usedDrifted(result.drift()));
        drift.put("removed", operations(checker, result.drift().removed()));
        drift.put("added", operations(checker, result.drift().added()));
        drift.put("changed", operations(checker, result.drift().changed()));
        return drift;
    }

    private static List<Map<String, Object>> operations(CivisDriftMonitor checker, List<ApiDrift.Drifted> drifted) {
        return drifted.stream().map(operation -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("verb", operation.verb());
            entry.put("route", operation.route());
            entry.put("used", checker.isUsed(operation));
            if (!operation.changes().isEmpty()) {
                entry.put("changes", operation.changes());
            }
            return entry;
        }).toList();
    }

    /** The base URL as it can be shown: without {@code user:password@}, which may hold a secret. */
    static String withoutUserInfo(URI baseUrl) {
        if (baseUrl.getRawUserInfo() == null) {
            return baseUrl.toString();
        }
        try {
            return new URI(baseUrl.getScheme(), null, baseUrl.getHost(), baseUrl.getPort(), baseUrl.getPath(), null,
                    null).toString();
        }
        catch (URISyntaxException ex) {
            return baseUrl.getScheme() + "://" + baseUrl.getHost();
        }
    }

}
