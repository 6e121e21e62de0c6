package io.github.civis.simulator;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.civis.testsupport.ManualClock;
import io.github.civis.simulator.state.RunOutcome;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scripted run outcomes (Java API and admin endpoint), real cancels, and the logs route's
 * paging and headers, seen over plain HTTP as any client would.
 */
class ScriptedRunsTest {

    private final ManualClock clock = new ManualClock();

    private CivisSimulator simulator;

    @BeforeEach
    void start() {
        simulator = CivisSimulator.builder().apiKey("k").clock(clock).runStep(Duration.ofSeconds(1)).build().start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return RawHttp.send(method, simulator.baseUrl() + path, RawHttp.bearer("k"), body);
    }

    private long newScript() {
        return RawHttp.json(call("POST", "scripts/python3", "{\"name\":\"s\",\"source\":\"print(1)\"}")).path("id").asLong();
    }

    private long startRun(long jobId) {
        return RawHttp.json(call("POST", "jobs/" + jobId + "/runs", null)).path("id").asLong();
    }

    @Test
    void adminEndpointScriptsDurationStateErrorAndLogLinesOverTime() {
        long jobId = newScript();
        HttpResponse<String> scripted = RawHttp.send("POST", simulator.baseUrl() + "_simulator/jobs/" + jobId + "/outcome",
                "", "{\"state\":\"failed\",\"error\":\"Out of memory\",\"queuedMillis\":1000,\"durationMillis\":20000,"
                        + "\"logs\":[{\"atMillis\":5000,\"message\":\"half way\"},{\"atMillis\":15000,\"level\":\"warn\","
                        + "\"message\":\"slowing\"}]}");
        long runId = startRun(jobId);
        String run = "jobs/" + jobId + "/runs/" + runId;

        String queued = RawHttp.json(call("GET", run, null)).path("state").asString();
        clock.advance(Duration.ofSeconds(7));
        JsonNode running = RawHttp.json(call("GET", run, null));
        HttpResponse<String> logsWhileRunning = call("GET", run + "/logs", null);
        clock.advance(Duration.ofSeconds(15));
        JsonNode failed = RawHttp.json(call("GET", run, null));
        HttpResponse<String> logsAtEnd = call("GET", run + "/logs", null);

        assertThat(scripted.statusCode()).isEqualTo(204);
        assertThat(queued).isEqualTo("queued");
        assertThat(running.path("state").asString()).isEqualTo("running");
        assertThat(messages(logsWhileRunning)).containsExactly("Queued job " + jobId + ", run " + runId, "Running",
                "half way");
        assertThat(logsWhileRunning.headers().firstValue("civis-cache-control")).hasValue("no-store");
        assertThat(logsWhileRunning.headers().firstValue("civis-max-id")).hasValue("3");
        assertThat(failed.path("state").asString()).isEqualTo("failed");
        assertThat(failed.path("error").asString()).isEqualTo("Out of memory");
        assertThat(failed.path("finishedAt").asString()).isEqualTo("2026-01-01T00:00:21.000Z");
        assertThat(messages(logsAtEnd)).containsExactly("Queued job " + jobId + ", run " + runId, "Running",
                "half way", "slowing", "Failed: Out of memory");
        assertThat(logsAtEnd.headers().firstValue("civis-cache-control")).isPresent().get().isNotEqualTo("no-store");
        assertThat(logsAtEnd.headers().firstValue("civis-max-id")).hasValue("5");
    }

    @Test
    void adminEndpointRefusesABadOutcomeNamingTheProblem() {
        HttpResponse<String> badState = RawHttp.send("POST", simulator.baseUrl() + "_simulator/jobs/1/outcome", "",
                "{\"state\":\"exploded\"}");
        HttpResponse<String> badDuration = RawHttp.send("POST", simulator.baseUrl() + "_simulator/jobs/1/outcome", "",
                "{\"durationMillis\":-5}");

        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.body()).contains("exploded");
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertThat(badDuration.body()).contains("durationMillis");
        assertThatThrownBy(() -> RunOutcome.ending("done", null)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'done'");
    }

    @Test
    void logsHonourLastIdAndLimit() {
        long jobId = newScript();
        RunOutcome outcome = RunOutcome.succeeded().lasting(Duration.ofSeconds(10));
        for (int i = 1; i <= 6; i++) {
            outcome = outcome.log(Duration.ofSeconds(i), "line " + i);
        }
        simulator.runOutcome(jobId, outcome);
        long runId = startRun(jobId);
        clock.advance(Duration.ofSeconds(11));
        String logs = "jobs/" + jobId + "/runs/" + runId + "/logs";

        HttpResponse<String> firstTwo = call("GET", logs + "?limit=2", null);
        HttpResponse<String> afterFour = call("GET", logs + "?last_id=4&limit=3", null);
        HttpResponse<String> camelCase = call("GET", logs + "?lastId=7", null);

        assertThat(ids(firstTwo)).containsExactly(1L, 2L);
        assertThat(ids(afterFour)).containsExactly(5L, 6L, 7L);
        assertThat(messages(afterFour)).containsExactly("line 3", "line 4", "line 5");
        assertThat(messages(camelCase)).containsExactly("line 6",
                "Process used approximately 0.0 MiB of its 0 MiB memory limit; Succeeded");
        assertThat(firstTwo.headers().firstValue("civis-max-id")).hasValue("9");
    }

    @Test
    void deleteRunCancelsAndAnEndedRunAnswers404() {
        long jobId = newScript();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofMinutes(5)));
        long runId = startRun(jobId);
        clock.advance(Duration.ofSeconds(30));
        String run = "jobs/" + jobId + "/runs/" + runId;

        HttpResponse<String> cancel = call("DELETE", run, null);
        JsonNode cancelled = RawHttp.json(call("GET", run, null));
        HttpResponse<String> again = call("DELETE", run, null);

        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(cancelled.path("state").asString()).isEqualTo("cancelled");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(messages(call("GET", run + "/logs", null))).last().isEqualTo("Cancelled by user");
    }

    @Test
    void scriptCancelCancelsTheActiveRunAndAnswers404WhenNoneIsActive() {
        long jobId = newScript();
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofMinutes(5)));
        long runId = startRun(jobId);

        HttpResponse<String> cancel = call("POST", "scripts/" + jobId + "/cancel", null);
        HttpResponse<String> again = call("POST", "scripts/" + jobId + "/cancel", null);

        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(RawHttp.json(cancel).path("state").asString()).isEqualTo("cancelled");
        assertThat(RawHttp.json(call("GET", "jobs/" + jobId + "/runs/" + runId, null)).path("state").asString())
            .isEqualTo("cancelled");
        assertThat(again.statusCode()).isEqualTo(404);
    }

    @Test
    void customScriptFromATemplateRunsWithTheTemplatesOutcomeAndOutputs() {
        long scriptId = newScript();
        long templateId = RawHttp.json(call("POST", "templates/scripts",
                "{\"scriptId\":" + scriptId + ",\"name\":\"report\"}")).path("id").asLong();
        HttpResponse<String> scripted = RawHttp.send("POST", simulator.baseUrl() + "_simulator/jobs/" + templateId
                + "/outcome", "", "{\"durationMillis\":2000,\"outputs\":[{\"name\":\"count\",\"value\":{\"n\":7}},"
                        + "{\"name\":\"data.csv\",\"content\":\"a\\n1\\n\"}]}");
        JsonNode custom = RawHttp.json(call("POST", "scripts/custom",
                "{\"fromTemplateId\":" + templateId + ",\"arguments\":{\"region\":\"west\"}}"));
        long customId = custom.path("id").asLong();
        long runId = RawHttp.json(call("POST", "scripts/custom/" + customId + "/runs", null)).path("id").asLong();
        clock.advance(Duration.ofSeconds(3));

        JsonNode run = RawHttp.json(call("GET", "scripts/custom/" + customId + "/runs/" + runId, null));
        JsonNode outputs = RawHttp.json(call("GET", "jobs/" + customId + "/runs/" + runId + "/outputs", null));
        HttpResponse<String> unknownTemplate = call("POST", "scripts/custom", "{\"fromTemplateId\":987654}");

        assertThat(scripted.statusCode()).isEqualTo(204);
        assertThat(custom.path("fromTemplateId").asLong()).isEqualTo(templateId);
        assertThat(custom.path("arguments").path("region").asString()).isEqualTo("west");
        assertThat(run.path("state").asString()).isEqualTo("succeeded");
        assertThat(outputs).hasSize(2);
        assertThat(outputs.get(0).path("objectType").asString()).isEqualTo("JSONValue");
        assertThat(outputs.get(0).path("value").path("n").asInt()).isEqualTo(7);
        long jsonValueId = outputs.get(0).path("objectId").asLong();
        assertThat(RawHttp.json(call("GET", "json_values/" + jsonValueId, null)).path("value").path("n").asInt())
            .isEqualTo(7);
        assertThat(outputs.get(1).path("objectType").asString()).isEqualTo("File");
        assertThat(unknownTemplate.statusCode()).isEqualTo(404);
    }

    private static java.util.List<String> messages(HttpResponse<String> response) {
        java.util.List<String> messages = new java.util.ArrayList<>();
        RawHttp.json(response).forEach(line -> messages.add(line.path("message").asString()));
        return messages;
    }

    private static java.util.List<Long> ids(HttpResponse<String> response) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        RawHttp.json(response).forEach(line -> ids.add(line.path("id").asLong()));
        return ids;
    }
}
