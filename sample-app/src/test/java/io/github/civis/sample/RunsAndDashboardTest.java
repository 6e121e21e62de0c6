package io.github.civis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.CivisClient;

/**
 * {@code POST /jobs/{id}/run} against the embedded simulator, and the ops view: every metric
 * the Grafana dashboard queries is exposed by {@code /actuator/prometheus} after a few calls
 * and a run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunsAndDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "monitoring", "grafana", "civis.json");

    /** A metric selector in PromQL: a name followed by its label matchers or a range. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    CivisClient client;

    @Autowired
    Environment environment;

    @Test
    void runningAJobAnswersWithItsIdsAndState() throws Exception {
        long jobId = client.scripts().postPython3(b -> b.name("nightly").source("print(1)")).id();

        SampleHttp.Response run = new SampleHttp(port).post("/jobs/" + jobId + "/run", "");

        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().path("jobId").asLong()).isEqualTo(jobId);
        assertThat(run.body().path("runId").asLong()).isPositive();
        assertThat(run.body().path("state").asString()).isEqualTo("succeeded");
    }

    @Test
    void aFailedRunIsAProblemWithTheErrorAndTheLogTail() throws Exception {
        long jobId = client.scripts().postPython3(b -> b.name("broken").source("raise FAIL")).id();

        SampleHttp.Response run = new SampleHttp(port).post("/jobs/" + jobId + "/run", "");

        assertThat(run.status()).isEqualTo(422);
        assertThat(run.body().path("detail").asString()).contains("FAIL");
        assertThat(run.body().path("jobId").asLong()).isEqualTo(jobId);
        assertThat(run.body().path("state").asString()).isEqualTo("failed");
        assertThat(run.body().path("logTail").isArray()).isTrue();
        assertThat(run.body().path("logTail").get(run.body().path("logTail").size() - 1).asString()).startsWith("Failed:");
    }

    @Test
    void unknownJobIsNotFound() throws Exception {
        assertThat(new SampleHttp(port).post("/jobs/987654321/run", "").status()).isEqualTo(404);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        SampleHttp http = new SampleHttp(port);
        // One retried call, so that the retry counter exists: the simulator fails /users/me once.
        String simulator = environment.getRequiredProperty("civis.base-url");
        HttpResponse<String> fault = HTTP.send(HttpRequest.newBuilder(URI.create(simulator + "_simulator/faults"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"status\":503,\"times\":1,\"verb\":\"GET\",\"route\":\"/users/me\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fault.statusCode()).isEqualTo(201);
        assertThat(http.get("/me").status()).isEqualTo(200);
        assertThat(http.get("/credentials").status()).isEqualTo(200);
        long jobId = client.scripts().postPython3(b -> b.name("metered").source("print(1)")).id();
        assertThat(http.post("/jobs/" + jobId + "/run", "").status()).isEqualTo(200);

        Set<String> queried = metricsQueriedBy(JsonMapper.builder().build().readTree(Files.readString(DASHBOARD)));
        String exposition = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
            .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Set<String> exposed = new TreeSet<>();
        exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
            .map(line -> line.split("[{ ]", 2)[0])
            .forEach(exposed::add);

        assertThat(queried).contains("civis_client_requests_seconds_count", "civis_client_requests_seconds_bucket",
                "civis_client_retries_total", "civis_client_rate_limit_remaining", "civis_runs_active",
                "civis_runs_seconds_count", "civis_runs_polls_total", "civis_ratelimit_wait_seconds_count",
                "civis_ratelimit_available", "civis_ratelimit_store_fallbacks_total");
        assertThat(exposed).containsAll(queried);
    }

    /** The metric names in every {@code expr} of the dashboard's panels. */
    private static Set<String> metricsQueriedBy(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        List<JsonNode> expressions = dashboard.findValues("expr");
        assertThat(expressions).isNotEmpty();
        for (JsonNode expression : expressions) {
            Matcher matcher = SELECTOR.matcher(expression.asString());
            int found = 0;
            while (matcher.find()) {
                names.add(matcher.group(1));
                found++;
            }
            assertThat(found).as("metrics in %s", expression).isPositive();
        }
        return names;
    }
}
