package io.github.civis.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisAuthenticationException;
import io.github.civis.client.error.CivisNotFoundException;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.model.Credential;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.RunLog;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.junit.CivisSimulatorExtension;

/**
 * The code examples of the README, run against the simulator so that they stay true.
 */
class ReadmeExamplesTest {

    // README: extension
    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();
    // README: end

    @Test
    void plainJava() {
        String baseUrl = civis.baseUrl();
        String apiKey = civis.apiKey();
        // README: plain Java
        try (CivisClient client = CivisClient.builder()
                .baseUrl(baseUrl)                       // default https://api.civisanalytics.com/ or CIVIS_API_ENDPOINT
                .apiKey(apiKey)                         // or apiKeySupplier(...), default CIVIS_API_KEY
                .connectTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(30))
                .retryPolicy(CivisRetryPolicy.builder().maxAttempts(5).maxElapsed(Duration.ofMinutes(2)).build())
                .build()) {

            Credential made = client.credentials().post(b -> b.type("Custom").name("token").username("u").password("p"));
            Credential read = client.credentials().get(made.id());
            client.credentials().patch(made.id(), b -> b.name("renamed").description(null)); // sends only these two

            CivisList<Credential> page = client.credentials().list(q -> q.type("Custom").limit(50));
            long total = page.totalEntries().orElse(page.size());

            try (Stream<Credential> all = client.credentials().listAll(q -> q.type("Custom"))) { // every page, lazily
                List<String> names = all.map(Credential::name).toList();
                assertThat(names).contains("renamed");
            }
            // README: end

            assertThat(read.name()).isEqualTo("token");
            assertThat(total).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void embeddedSimulator() {
        // README: embedded
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("test-key").port(0).build().start();
                CivisClient client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("test-key").build()) {
            simulator.faults().add(FaultRule.status(503).on("GET", "/credentials/{id}").times(2)); // retried by the client
            Credential made = client.credentials().post(b -> b.type("Custom").name("n").username("u").password("p"));
            assertThat(client.credentials().get(made.id()).name()).isEqualTo("n");
            assertThat(simulator.stats().faults(FaultRule.Kind.STATUS)).isEqualTo(2);
        }
        // README: end
    }

    // README: junit
    @Test
    void withTheExtension(CivisClient client, CivisSimulator simulator) { // or civis.client(), civis.baseUrl(), civis.apiKey()
        assertThat(client.users().getMe().username()).isEqualTo("simulator");
    }
    // README: end

    @Test
    void reactive() {
        try (CivisClient client = CivisClient.builder().baseUrl(civis.baseUrl()).apiKey(civis.apiKey()).build()) {
            // README: reactive
            Mono<String> me = client.reactiveUsers().getMe().map(user -> user.username());
            Flux<Credential> all = client.reactiveCredentials().listAll(q -> q.limit(50)); // pages fetched on demand
            // README: end
            assertThat(me.block()).isEqualTo("simulator");
            assertThat(all.collectList().block()).isNotNull();
        }
    }

    @Test
    void errors() {
        try (CivisClient client = CivisClient.builder().baseUrl(civis.baseUrl()).apiKey(civis.apiKey()).build()) {
            String message = null;
            // README: errors
            try {
                client.credentials().get(999_999);
            }
            catch (CivisNotFoundException ex) {
                message = ex.status() + " " + ex.errorDescription(); // also error(), route(), path(), attempts()
            }
            // README: end
            assertThat(message).startsWith("404 ");
        }
        try (CivisClient wrong = CivisClient.builder().baseUrl(civis.baseUrl()).apiKey("not-a-key").build()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> wrong.users().getMe()))
                .isInstanceOf(CivisAuthenticationException.class)
                .hasMessageContaining("key")
                .hasMessageNotContaining("not-a-key");
        }
    }

    @Test
    void runs() {
        CivisClient client = civis.client();
        long jobId = client.scripts().postPython3(b -> b.name("nightly").source("print(1)")).id();
        long failingJobId = client.scripts().postPython3(b -> b.name("broken").source("raise FAIL")).id();
        // README: runs
        CivisRun run = client.runs().start(jobId);              // POST /jobs/{id}/runs
        JobRun done = run.await(Duration.ofMinutes(30));        // polls 1 s, x1.2, at most 15 s
        try (Stream<RunLog> lines = run.followLogs()) {         // each line once, until the run's log is complete
            lines.forEach(line -> System.out.println(line.message()));
        }

        try {
            client.runs().start(failingJobId).await(Duration.ofMinutes(30));
        }
        catch (CivisRunFailedException ex) {                    // failed or cancelled
            System.out.println(ex.jobId() + "/" + ex.runId() + " " + ex.finalState() + ": " + ex.error());
            ex.logTail().forEach(System.out::println);          // the last 20 log lines
        }
        // README: end
        assertThat(done.state()).isEqualTo("succeeded");
    }
}
