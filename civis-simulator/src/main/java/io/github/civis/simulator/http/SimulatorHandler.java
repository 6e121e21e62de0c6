package io.github.civis.simulator.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.github.civis.simulator.faults.FaultDecision;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.faults.Faults;
import io.github.civis.simulator.http.RouteTable.RouteMatch;
import io.github.civis.simulator.state.SimulatedUser;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The front door of the simulator, independent of the HTTP server library: admin endpoints,
 * authentication, routing, fault injection and rate-limit
 * headers, in that order. Never throws: an unexpected error becomes a 500 Civis-style error.
 */
public final class SimulatorHandler {

    /** The prefix of the admin endpoints, which need no key. */
    public static final String ADMIN_PREFIX = "/_simulator/";

    private final RouteTable routes;
    private final CivisApi api;
    private final Map<String, SimulatedUser> usersByKey;
    private final Faults faults;
    private final ServerStats stats;
    private final AdminApi admin;
    private final StorageRoutes storage;
    private final int rateLimit;
    private final AtomicLong rateWindowStart = new AtomicLong();
    private final AtomicLong rateWindowCount = new AtomicLong();

    /**
     * @param routes the compiled catalog routes
     * @param api the simulated API
     * @param usersByKey the users by API key
     * @param faults the fault rules
     * @param stats the statistics to keep
     * @param rateLimit the {@code X-RateLimit-Limit} announced (calls per minute; not enforced)
     */
    public SimulatorHandler(RouteTable routes, CivisApi api, Map<String, SimulatedUser> usersByKey, Faults faults,
            ServerStats stats, int rateLimit) {
        this.routes = routes;
        this.api = api;
        this.usersByKey = Map.copyOf(usersByKey);
        this.faults = faults;
        this.stats = stats;
        this.admin = new AdminApi(faults, stats, api.jobRuns(), api::seed);
        this.storage = new StorageRoutes(api, faults, stats);
        this.rateLimit = rateLimit;
    }

    /** Answers one request. */
    public SimulatorResponse handle(SimulatorRequest request) {
        stats.request();
        SimulatorResponse response;
        try {
            response = dispatch(request);
        }
        catch (RuntimeException ex) {
            response = CivisErrors.error(500, "The simulator failed on this request: " + ex);
        }
        if (!response.dropConnection()) {
            response = withRateLimit(response);
        }
        return response;
    }

    private SimulatorResponse dispatch(SimulatorRequest request) {
        String path = io.github.civis.simulator.faults.FaultRule.normalizeRoute(request.path());
        if (path.startsWith(ADMIN_PREFIX) || path.equals("/_simulator")) {
            return admin.handle(request, path);
        }
        SimulatedUser caller = authenticate(request);
        if (caller == null) {
            return CivisErrors.error(401, "The API key is missing, invalid or expired. Send it as 'Authorization: "
                    + "Bearer <key>' or as the user name of HTTP Basic authentication.")
                .withHeader("WWW-Authenticate", "Bearer realm=\"Civis API\"");
        }
        Optional<RouteMatch> match = routes.match(request.method(), path);
        if (match.isEmpty()) {
            return CivisErrors.notFound("No route matches " + request.method() + " " + request.path() + ".");
        }
        return withFaults(request, match.get().route().template(), path, () -> {
            Object body = parseBody(request);
            if (body instanceof SimulatorResponse badRequest) {
                return badRequest;
            }
            return api.handle(match.get(), request, (ObjectNode) body, caller);
        });
    }

    private SimulatorResponse withFaults(SimulatorRequest request, String template, String path,
            java.util.function.Supplier<SimulatorResponse> serve) {
        FaultDecision decision = faults.decide(request.method(), template, path);
        FaultRule fault = decision.fault();
        SimulatorResponse response;
        if (fault == null) {
            response = serve.get();
        }
        else {
            stats.fault(fault.kind());
            response = switch (fault.kind()) {
                case STATUS -> statusFault(fault);
                case DROP_CONNECTION -> SimulatorResponse.drop();
                case MALFORMED_JSON -> malformed(serve.get());
                case LATENCY -> serve.get();
            };
        }
        if (!decision.delay().isZero()) {
            stats.fault(FaultRule.Kind.LATENCY);
            response = response.withDelay(decision.delay());
        }
        return response;
    }

    static SimulatorResponse statusFault(FaultRule fault) {
        String description = (fault.status() == 429) ? "Rate limit exceeded. Retry later."
                : "Simulated failure with status " + fault.status() + ".";
        SimulatorResponse response = CivisErrors.error(fault.status(), description);
        Duration retryAfter = fault.retryAfter();
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", String.valueOf(Math.max(0, retryAfter.toSeconds())));
        }
        return response;
    }

    private static SimulatorResponse malformed(SimulatorResponse served) {
        String text = served.bodyText();
        // Cut the real answer in the middle, like a proxy that gave up mid-stream.
        String broken = (text.length() > 2) ? text.substring(0, text.length() / 2) : "{\"id\": ";
        return SimulatorResponse.bytes(served.status() == 204 ? 200 : served.status(),
                "application/json; charset=utf-8", broken.getBytes(StandardCharsets.UTF_8));
    }

    private @Nullable SimulatedUser authenticate(SimulatorRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return usersByKey.get(trimmed.substring(7).trim());
        }
        if (trimmed.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(trimmed.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return usersByKey.get((colon >= 0) ? decoded.substring(0, colon) : decoded);
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
        }
        return null;
    }

    /** The body as an object, or a 400 answer naming the problem. */
    private static Object parseBody(SimulatorRequest request) {
        String text = new String(request.body(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode parsed;
        try {
            parsed = SimulatorResponse.JSON.readTree(text);
        }
        catch (JacksonException ex) {
            return CivisErrors.error(400, "Malformed JSON body: " + ex.getOriginalMessage());
        }
        if (!(parsed instanceof ObjectNode object)) {
            return CivisErrors.error(400, "The JSON body must be an object, got " + parsed.getNodeType() + ".");
        }
        return object;
    }

    private SimulatorResponse withRateLimit(SimulatorResponse response) {
        long minute = System.currentTimeMillis() / 60_000;
        if (rateWindowStart.getAndSet(minute) != minute) {
            rateWindowCount.set(0);
        }
        long used = rateWindowCount.incrementAndGet();
        return response.withHeader("X-RateLimit-Limit", String.valueOf(rateLimit))
            .withHeader("X-RateLimit-Remaining", String.valueOf(Math.max(0, rateLimit - used)));
    }

    /** The presigned storage URLs, served streamed by the server rather than through {@link #handle}. */
    StorageRoutes storage() {
        return storage;
    }

    /** The statistics this handler keeps. */
    public ServerStats stats() {
        return stats;
    }
}
