package io.github.civis.simulator.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import io.github.civis.catalog.CatalogOperation;
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

    /** The prefix of the admin endpoints, which need the API key unless the simulator listens on loopback only. */
    public static final String ADMIN_PREFIX = "/_simulator/";

    /** The largest API request body accepted unless configured otherwise: 10 MB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    private final RouteTable routes;
    private final CivisApi api;
    private final Map<String, SimulatedUser> usersByKey;
    private final Faults faults;
    private final ServerStats stats;
    private final SimulatorAdminEndpoints admin;
    private final StorageRoutes storage;
    private final int rateLimit;
    private final boolean adminNeedsKey;
    private final long maxBodyBytes;
    private final @Nullable EndpointsDocument endpoints;
    private final RateLimits limits;

    /**
     * @param routes the compiled catalog routes
     * @param api the simulated API
     * @param usersByKey the users by API key
     * @param faults the fault rules
     * @param stats the statistics to keep
     * @param rateLimit the {@code X-RateLimit-Limit} announced (not enforced)
     */
    public SimulatorHandler(RouteTable routes, CivisApi api, Map<String, SimulatedUser> usersByKey, Faults faults,
            ServerStats stats, int rateLimit) {
        this(routes, api, usersByKey, faults, stats, rateLimit, false, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param routes the compiled catalog routes
     * @param api the simulated API
     * @param usersByKey the users by API key
     * @param faults the fault rules
     * @param stats the statistics to keep
     * @param rateLimit the {@code X-RateLimit-Limit} announced (not enforced)
     * @param adminNeedsKey whether the admin endpoints need an API key (when listening beyond loopback)
     * @param maxBodyBytes the largest API request body accepted; larger ones get 413
     */
    public SimulatorHandler(RouteTable routes, CivisApi api, Map<String, SimulatedUser> usersByKey, Faults faults,
            ServerStats stats, int rateLimit, boolean adminNeedsKey, long maxBodyBytes) {
        this(routes, api, usersByKey, faults, stats, rateLimit, adminNeedsKey, maxBodyBytes, null);
    }

    /**
     * @param routes the compiled catalog routes
     * @param api the simulated API
     * @param usersByKey the users by API key
     * @param faults the fault rules
     * @param stats the statistics to keep
     * @param rateLimit the {@code X-RateLimit-Limit} announced (not enforced)
     * @param adminNeedsKey whether the admin endpoints need an API key (when listening beyond loopback)
     * @param maxBodyBytes the largest API request body accepted; larger ones get 413
     * @param endpoints what {@code GET /endpoints} answers, or {@code null} to answer it like any catalog route
     */
    public SimulatorHandler(RouteTable routes, CivisApi api, Map<String, SimulatedUser> usersByKey, Faults faults,
            ServerStats stats, int rateLimit, boolean adminNeedsKey, long maxBodyBytes,
            @Nullable EndpointsDocument endpoints) {
        this(routes, api, usersByKey, faults, stats, rateLimit, adminNeedsKey, maxBodyBytes, endpoints,
                RateLimits.none());
    }

    /**
     * @param routes the compiled catalog routes
     * @param api the simulated API
     * @param usersByKey the users by API key
     * @param faults the fault rules
     * @param stats the statistics to keep
     * @param rateLimit the {@code X-RateLimit-Limit} announced for a bucket without an enforced limit
     * @param adminNeedsKey whether the admin endpoints need an API key (when listening beyond loopback)
     * @param maxBodyBytes the largest API request body accepted; larger ones get 413
     * @param endpoints what {@code GET /endpoints} answers, or {@code null} to answer it like any catalog route
     * @param limits the limits enforced per key
     */
    public SimulatorHandler(RouteTable routes, CivisApi api, Map<String, SimulatedUser> usersByKey, Faults faults,
            ServerStats stats, int rateLimit, boolean adminNeedsKey, long maxBodyBytes,
            @Nullable EndpointsDocument endpoints, RateLimits limits) {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("The body limit must not be negative, was " + maxBodyBytes);
        }
        this.routes = routes;
        this.api = api;
        this.usersByKey = Map.copyOf(usersByKey);
        this.faults = faults;
        this.stats = stats;
        this.admin = new SimulatorAdminEndpoints(faults, stats, api.jobRuns(), api::seed);
        this.storage = new StorageRoutes(api, faults, stats);
        this.rateLimit = rateLimit;
        this.adminNeedsKey = adminNeedsKey;
        this.maxBodyBytes = maxBodyBytes;
        this.endpoints = endpoints;
        this.limits = limits;
        stats.rateLimits(limits);
    }

    /**
     * What to do with a request before any of its body is read, decided from its method, path
     * and headers alone: a request without a valid key, or announcing a body larger than the
     * limit, is answered at once, so that an unauthenticated or oversized upload costs nothing.
     */
    public sealed interface Admission permits Refused, ReadBody {
    }

    /**
     * Answer without reading the body; the connection is closed after the answer.
     *
     * @param answer the answer
     */
    public record Refused(SimulatorResponse answer) implements Admission {
    }

    /**
     * Read the body, up to a limit (beyond it, answer {@link #tooLarge}).
     *
     * @param maxBytes the largest body accepted
     */
    public record ReadBody(long maxBytes) implements Admission {
    }

    /**
     * Decides from a request's head whether to read its body.
     *
     * @param method the HTTP verb, upper case
     * @param path the decoded path
     * @param headers the headers by lower-case name
     */
    public Admission admit(String method, String path, Map<String, String> headers) {
        SimulatorResponse refusal = refusal(method, FaultRule.normalizeRoute(path), headers);
        if (refusal != null) {
            stats.request();
            return new Refused(withRateLimit(refusal).withHeader("Connection", "close"));
        }
        // Uploads to the storage URLs never come here: the server streams them to disk (StorageRoutes).
        long limit = maxBodyBytes;
        String length = headers.get("content-length");
        if (length != null && length.trim().matches("\\d{1,18}") && Long.parseLong(length.trim()) > limit) {
            return new Refused(tooLarge(limit));
        }
        return new ReadBody(limit);
    }

    /** The answer to a body beyond the limit, after which the connection is closed. */
    public SimulatorResponse tooLarge(long limit) {
        stats.request();
        return withRateLimit(CivisErrors.error(413, "The request body is larger than the simulator's limit of " + limit
                + " bytes.")).withHeader("Connection", "close");
    }

    /**
     * Why a request is refused from its head alone, or {@code null}: API routes need a valid
     * key; admin routes too when listening beyond loopback (all but the health check).
     */
    private @Nullable SimulatorResponse refusal(String method, String path, Map<String, String> headers) {
        if (path.startsWith(ADMIN_PREFIX) || path.equals("/_simulator")) {
            if (adminNeedsKey && !path.equals("/_simulator/health") && authenticate(headers.get("authorization")) == null) {
                return unauthorized("The admin endpoints need the API key when the simulator listens beyond"
                        + " loopback. Send it as 'Authorization: Bearer <key>'.");
            }
            return null;
        }
        if (authenticate(headers.get("authorization")) == null) {
            return unauthorized("The API key is missing, invalid or expired. Send it as 'Authorization: "
                    + "Bearer <key>' or as the user name of HTTP Basic authentication.");
        }
        return null;
    }

    private static SimulatorResponse unauthorized(String description) {
        return CivisErrors.error(401, description).withHeader("WWW-Authenticate", "Bearer realm=\"Civis API\"");
    }

    /** Answers one request. */
    public SimulatorResponse handle(SimulatorRequest request) {
        stats.request();
        RateLimits.Verdict verdict = rateVerdict(request);
        SimulatorResponse response;
        if (verdict != null && !verdict.allowed()) {
            response = CivisErrors.error(429, "Rate limit exceeded: at most " + verdict.limit()
                    + " such requests per window for this API key. Retry after " + verdict.retryAfterSeconds() + " s.")
                .withHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
        }
        else {
            try {
                response = dispatch(request);
            }
            catch (RuntimeException ex) {
                response = CivisErrors.error(500, "The simulator failed on this request: " + ex);
            }
        }
        if (!response.dropConnection()) {
            response = (verdict != null) ? response.withHeader("X-RateLimit-Limit", String.valueOf(verdict.limit()))
                .withHeader("X-RateLimit-Remaining", String.valueOf(verdict.remaining())) : withRateLimit(response);
        }
        return response;
    }

    /**
     * Counts an API request of a known key against its bucket, or {@code null} when the bucket
     * has no limit (or the request is an admin one, or comes without a valid key).
     */
    private RateLimits.@Nullable Verdict rateVerdict(SimulatorRequest request) {
        String path = FaultRule.normalizeRoute(request.path());
        if (path.startsWith(ADMIN_PREFIX) || path.equals("/_simulator")) {
            return null;
        }
        RateLimits.Bucket bucket = RateLimits.Bucket.of(request.method(), path);
        if (!limits.enforces(bucket)) {
            return null;
        }
        String key = bearerKey(request.header("Authorization"));
        SimulatedUser user = (key != null) ? usersByKey.get(key) : null;
        if (user == null) {
            return null;
        }
        return limits.admit(key, user.username(), bucket);
    }

    private SimulatorResponse dispatch(SimulatorRequest request) {
        String path = io.github.civis.simulator.faults.FaultRule.normalizeRoute(request.path());
        SimulatorResponse refusal = refusal(request.method(), path, request.headers());
        if (refusal != null) {
            return refusal;
        }
        if (path.startsWith(ADMIN_PREFIX) || path.equals("/_simulator")) {
            return admin.handle(request, path);
        }
        // refusal() has checked the key.
        SimulatedUser caller = java.util.Objects.requireNonNull(authenticate(request.header("Authorization")));
        EndpointsDocument document = endpoints;
        if (document != null && EndpointsDocument.isRequest(request.method(), path)) {
            return withFaults(request, path, path, document::response);
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
            // Every catalog route reads its query and body under the declared (camelCase) wire names,
            // whichever spelling the caller used.
            CatalogOperation operation = match.get().route().operation();
            return api.handle(match.get(), routes.wireNames().withWireQuery(request, operation),
                    routes.wireNames().withWireKeys((ObjectNode) body, operation), caller);
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

    private @Nullable SimulatedUser authenticate(@Nullable String authorization) {
        String key = bearerKey(authorization);
        return (key != null) ? usersByKey.get(key) : null;
    }

    /** The key a request presents, as a bearer token or the user name of HTTP Basic, or {@code null}. */
    private static @Nullable String bearerKey(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        String trimmed = authorization.trim();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return trimmed.substring(7).trim();
        }
        if (trimmed.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(trimmed.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return (colon >= 0) ? decoded.substring(0, colon) : decoded;
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

    /**
     * The headers of a request that counts against no enforced limit: the announced limit, all of
     * it remaining, since nothing is counted (a client that follows the headers then never holds
     * back for a limit the simulator does not enforce).
     */
    private SimulatorResponse withRateLimit(SimulatorResponse response) {
        return response.withHeader("X-RateLimit-Limit", String.valueOf(rateLimit))
            .withHeader("X-RateLimit-Remaining", String.valueOf(rateLimit));
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
