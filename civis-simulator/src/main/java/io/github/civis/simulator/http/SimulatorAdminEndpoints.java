package io.github.civis.simulator.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.faults.Faults;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.simulator.state.JobRuns;
import io.github.civis.simulator.state.RunOutcome;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin endpoints under {@code /_simulator/}: fault rules and statistics at run time.
 * <ul>
 * <li>{@code GET /_simulator/faults}: the active rules;</li>
 * <li>{@code POST /_simulator/faults}: adds a rule, e.g.
 * {@code {"status":503,"rate":0.2}}, {@code {"status":429,"retryAfterSeconds":2,"times":1}},
 * {@code {"kind":"latency","latencyMillis":300,"verb":"GET","route":"/credentials/{id}"}},
 * {@code {"kind":"drop","times":1}}, {@code {"kind":"malformed"}}; answers {@code {"id":…}};</li>
 * <li>{@code DELETE /_simulator/faults} and {@code DELETE /_simulator/faults/{id}}: removes rules;</li>
 * <li>{@code GET /_simulator/stats}: requests, answers by status, faults, delays, and per user
 * (never per key) the rate-limited answers and each bucket's counts per window;
 * {@code DELETE /_simulator/stats} forgets them;</li>
 * <li>{@code POST /_simulator/seed}: adds databases, tables, credentials and storage hosts, in
 * the JSON form of {@link Seed};</li>
 * <li>{@code GET /_simulator/health}: {@code {"status":"UP"}};</li>
 * <li>{@code POST /_simulator/jobs/{id}/outcome}: scripts how the job's next runs go (or, for a
 * template's id, the runs of scripts made from it), e.g. {@code {"state":"failed","error":"Out of
 * memory","queuedMillis":500,"durationMillis":20000,"logs":[{"atMillis":1000,"message":"loading"},
 * "a line written at once"],"outputs":[{"name":"report","value":{"rows":3}},{"name":"data.csv",
 * "content":"a,b\n1,2\n"}]}}; {@code state} is {@code succeeded} (default), {@code failed} or
 * {@code cancelled}; answers 204.</li>
 * </ul>
 */
final class SimulatorAdminEndpoints {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The fields a fault rule may have. */
    private static final List<String> RULE_FIELDS = List.of("kind", "status", "latencyMillis", "rate", "times",
            "retryAfterSeconds", "verb", "route");

    private final Faults faults;
    private final ServerStats stats;
    private final JobRuns runs;
    private final Consumer<Seed> seeder;

    SimulatorAdminEndpoints(Faults faults, ServerStats stats, JobRuns runs, Consumer<Seed> seeder) {
        this.faults = faults;
        this.stats = stats;
        this.runs = runs;
        this.seeder = seeder;
    }

    SimulatorResponse handle(SimulatorRequest request, String path) {
        String verb = request.method();
        if (path.equals("/_simulator/health") && verb.equals("GET")) {
            return SimulatorResponse.json(200, NODES.objectNode().put("status", "UP"));
        }
        if (path.equals("/_simulator/stats") && verb.equals("GET")) {
            return SimulatorResponse.json(200, statsJson());
        }
        if (path.equals("/_simulator/stats") && verb.equals("DELETE")) {
            stats.reset();
            return SimulatorResponse.json(200, statsJson());
        }
        if (path.equals("/_simulator/faults")) {
            switch (verb) {
                case "GET" -> {
                    return SimulatorResponse.json(200, rulesJson());
                }
                case "POST" -> {
                    return addRule(request);
                }
                case "DELETE" -> {
                    faults.clear();
                    return SimulatorResponse.empty(204);
                }
                default -> {
                }
            }
        }
        if (path.equals("/_simulator/seed") && verb.equals("POST")) {
            return seed(request);
        }
        if (path.startsWith("/_simulator/jobs/") && path.endsWith("/outcome") && verb.equals("POST")) {
            String id = path.substring("/_simulator/jobs/".length(), path.length() - "/outcome".length());
            if (!ApiArea.isLong(id)) {
                return CivisErrors.notFound("No job " + id + ".");
            }
            return scriptOutcome(Long.parseLong(id), request);
        }
        if (path.startsWith("/_simulator/faults/") && verb.equals("DELETE")) {
            String id = path.substring("/_simulator/faults/".length());
            return (ApiArea.isLong(id) && faults.remove(Long.parseLong(id))) ? SimulatorResponse.empty(204)
                    : CivisErrors.notFound("No fault rule " + id + ".");
        }
        return CivisErrors.notFound("No admin endpoint " + verb + " " + path + ".");
    }

    private SimulatorResponse addRule(SimulatorRequest request) {
        JsonNode body;
        try {
            body = SimulatorResponse.JSON.readTree(request.body());
        }
        catch (JacksonException ex) {
            return CivisErrors.error(400, "Malformed JSON body: " + ex.getOriginalMessage());
        }
        try {
            long id = faults.add(rule(body));
            return SimulatorResponse.json(201, NODES.objectNode().put("id", id));
        }
        catch (IllegalArgumentException ex) {
            return CivisErrors.error(400, ex.getMessage());
        }
    }

    private SimulatorResponse seed(SimulatorRequest request) {
        try {
            seeder.accept(Seed.read(SimulatorResponse.JSON.readTree(request.body())));
            return SimulatorResponse.empty(204);
        }
        catch (JacksonException ex) {
            return CivisErrors.error(400, "Malformed JSON body: " + ex.getOriginalMessage());
        }
        catch (IllegalArgumentException ex) {
            return CivisErrors.error(400, ex.getMessage());
        }
    }

    private SimulatorResponse scriptOutcome(long id, SimulatorRequest request) {
        try {
            runs.script(id, outcome(SimulatorResponse.JSON.readTree(request.body())));
            return SimulatorResponse.empty(204);
        }
        catch (JacksonException ex) {
            return CivisErrors.error(400, "Malformed JSON body: " + ex.getOriginalMessage());
        }
        catch (IllegalArgumentException ex) {
            return CivisErrors.error(400, ex.getMessage());
        }
    }

    /** Reads a run outcome from its JSON form (see the class description). */
    static RunOutcome outcome(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("A run outcome is a JSON object");
        }
        RunOutcome outcome = RunOutcome.ending(body.path("state").asString("succeeded"),
                body.path("error").isString() ? body.get("error").stringValue() : null)
            .queuedFor(Duration.ofMillis(millis(body, "queuedMillis")))
            .lasting(Duration.ofMillis(millis(body, "durationMillis")));
        for (JsonNode line : body.path("logs")) {
            if (line.isString()) {
                outcome = outcome.log(Duration.ZERO, line.stringValue());
            }
            else if (line.path("message").isString()) {
                outcome = outcome.log(Duration.ofMillis(millis(line, "atMillis")), line.path("level").asString("info"),
                        line.get("message").stringValue());
            }
            else {
                throw new IllegalArgumentException("A log line is a string or an object with a 'message', got " + line);
            }
        }
        for (JsonNode output : body.path("outputs")) {
            String name = output.path("name").asString("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("An output needs a 'name', got " + output);
            }
            if (output.path("content").isString()) {
                outcome = outcome.fileOutput(name, output.get("content").stringValue()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            else if (output.has("value")) {
                outcome = outcome.jsonOutput(name, output.get("value"));
            }
            else {
                throw new IllegalArgumentException("Output '" + name + "' needs a 'value' (JSON) or a 'content' (file text)");
            }
        }
        return outcome;
    }

    private static long millis(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number of milliseconds, at least 0, was " + value);
        }
        return value.asLong();
    }

    /**
     * Reads a rule from its JSON form (see the class description). Every field is checked, so
     * that a misspelt or mistyped one is refused naming it rather than becoming a rule nobody
     * asked for (a {@code "status":"abc"} read as a 503 on every call).
     *
     * @throws IllegalArgumentException naming the field that is wrong and what it may be
     */
    static FaultRule rule(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("A fault rule is a JSON object, e.g. {\"status\":503,\"times\":1}");
        }
        for (String field : body.propertyNames()) {
            if (!RULE_FIELDS.contains(field)) {
                throw new IllegalArgumentException("Unknown field '" + field + "' in a fault rule: use "
                        + String.join(", ", RULE_FIELDS));
            }
        }
        String kind;
        if (body.has("kind")) {
            if (!body.get("kind").isString()) {
                throw new IllegalArgumentException("kind must be status, latency, drop or malformed, was " + body.get("kind"));
            }
            kind = body.get("kind").stringValue().toLowerCase(Locale.ROOT);
        }
        else {
            kind = body.has("status") ? "status" : body.has("latencyMillis") ? "latency" : "";
        }
        FaultRule rule = switch (kind) {
            case "status" -> FaultRule.status(body.has("status") ? (int) whole(body, "status", 400, 599) : 503);
            case "latency" -> {
                if (!body.has("latencyMillis")) {
                    throw new IllegalArgumentException("A latency rule needs latencyMillis, from 0 to "
                            + FaultRule.MAX_LATENCY.toMillis());
                }
                yield FaultRule.latency(Duration.ofMillis(whole(body, "latencyMillis", 0, FaultRule.MAX_LATENCY.toMillis())));
            }
            case "drop", "drop_connection" -> FaultRule.dropConnection();
            case "malformed", "malformed_json" -> FaultRule.malformedJson();
            default -> throw new IllegalArgumentException("Unknown fault kind '" + kind
                    + "': use status, latency, drop or malformed (or give a status or latencyMillis)");
        };
        onlyFor(body, rule, "status", FaultRule.Kind.STATUS);
        onlyFor(body, rule, "retryAfterSeconds", FaultRule.Kind.STATUS);
        onlyFor(body, rule, "latencyMillis", FaultRule.Kind.LATENCY);
        if (body.has("rate")) {
            JsonNode rate = body.get("rate");
            if (!rate.isNumber() || !(rate.asDouble() >= 0 && rate.asDouble() <= 1)) {
                throw new IllegalArgumentException("rate must be a number from 0 to 1, was " + rate);
            }
            rule = rule.rate(rate.asDouble());
        }
        if (body.has("times")) {
            rule = rule.times((int) whole(body, "times", 1, Integer.MAX_VALUE));
        }
        if (body.has("retryAfterSeconds")) {
            rule = rule.retryAfter(Duration.ofSeconds(whole(body, "retryAfterSeconds", 0, 86_400)));
        }
        if (body.has("route") || body.has("verb")) {
            rule = rule.on(text(body, "verb"), text(body, "route"));
        }
        return rule;
    }

    /** A field's whole-number value within bounds, else an error naming the field. */
    private static long whole(JsonNode body, String field, long min, long max) {
        JsonNode value = body.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max + ", was "
                    + value);
        }
        return value.asLong();
    }

    /** A field's text, {@code null} when absent or null, else an error naming the field. */
    private static @Nullable String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.stringValue().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-blank string, was " + value);
        }
        return value.stringValue();
    }

    private static void onlyFor(JsonNode body, FaultRule rule, String field, FaultRule.Kind kind) {
        if (body.has(field) && rule.kind() != kind) {
            throw new IllegalArgumentException(field + " applies to " + kind.name().toLowerCase(Locale.ROOT)
                    + " rules only, not to a " + rule.kind().name().toLowerCase(Locale.ROOT) + " rule");
        }
    }

    private JsonNode rulesJson() {
        ArrayNode rules = NODES.arrayNode();
        for (Faults.ActiveRule active : faults.rules()) {
            FaultRule rule = active.rule();
            ObjectNode node = rules.addObject();
            node.put("id", active.id());
            node.put("kind", rule.kind().name().toLowerCase(Locale.ROOT));
            if (rule.kind() == FaultRule.Kind.STATUS) {
                node.put("status", rule.status());
            }
            if (rule.retryAfter() != null) {
                node.put("retryAfterSeconds", rule.retryAfter().toSeconds());
            }
            if (rule.kind() == FaultRule.Kind.LATENCY) {
                node.put("latencyMillis", rule.latency().toMillis());
            }
            node.put("rate", rule.rate());
            node.put("verb", rule.verb());
            node.put("route", rule.route());
            if (active.remaining() != null) {
                node.put("remaining", active.remaining());
            }
        }
        return NODES.objectNode().set("rules", rules);
    }

    private JsonNode statsJson() {
        ObjectNode node = NODES.objectNode();
        node.put("requests", stats.requests());
        ObjectNode statuses = node.putObject("answersByStatus");
        stats.answersByStatus().forEach((status, count) -> statuses.put(String.valueOf(status), count));
        ObjectNode faultCounts = node.putObject("faults");
        for (FaultRule.Kind kind : FaultRule.Kind.values()) {
            faultCounts.put(kind.name().toLowerCase(Locale.ROOT), stats.faults(kind));
        }
        node.put("delayedResponses", stats.delayedResponses());
        node.put("maxDelayMillis", stats.maxDelay().toMillis());
        node.put("totalDelayMillis", stats.totalDelay().toMillis());
        // by user name: the key itself is never reported
        ObjectNode limited = node.putObject("rateLimited");
        stats.rateLimited().forEach(limited::put);
        ObjectNode limits = node.putObject("rateLimits");
        stats.rateLimits().forEach((user, buckets) -> {
            ObjectNode userNode = limits.putObject(user);
            buckets.forEach((bucket, counts) -> {
                ObjectNode bucketNode = userNode.putObject(bucket);
                bucketNode.put("limit", counts.limit().requests());
                bucketNode.put("windowMillis", counts.limit().window().toMillis());
                bucketNode.put("allowed", counts.allowed());
                bucketNode.put("refused", counts.refused());
                Double spent = counts.budgetSpent();
                if (spent != null) {
                    bucketNode.put("budgetSpent", Math.round(spent * 1000) / 1000.0);
                }
                else {
                    bucketNode.putNull("budgetSpent");
                }
                tools.jackson.databind.node.ArrayNode windows = bucketNode.putArray("windows");
                counts.windows().forEach(window -> windows.addObject().put("start", window.startMillis())
                    .put("allowed", window.allowed()).put("refused", window.refused()));
            });
        });
        return node;
    }
}
