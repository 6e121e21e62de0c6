package io.github.civis.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import io.github.civis.client.files.FileTransferEvent;
import io.github.civis.client.files.FileTransferListener;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.lookup.LookupCache;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.runs.AwaitOutcome;
import io.github.civis.client.runs.CivisRunListener;
import io.github.civis.client.runs.RunPolling;
import io.github.civis.client.runs.RunState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The client as the one composition root: the builder holds every workflow setting, each
 * workflow accessor answers the same instance every time, and the generated groups stay
 * reachable beside the workflows.
 */
class CivisClientWorkflowsTest {

    private MockWebServer server;

    private final AtomicInteger runPolls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = TestSupport.startServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/jobs/1/runs/2")) {
                    // running for the first two reads (attach, then the first poll), then succeeded
                    String state = (runPolls.incrementAndGet() <= 2) ? "running" : "succeeded";
                    return TestSupport.json(200, "{\"id\":2,\"jobId\":1,\"state\":\"" + state + "\"}");
                }
                if (path.equals("/files/") || path.equals("/files")) {
                    return TestSupport.json(200, "{\"id\":7,\"uploadUrl\":\"" + server.url("/storage/7")
                            + "\",\"uploadFields\":{\"key\":\"7\"}}");
                }
                if (path.equals("/storage/7")) {
                    return new MockResponse.Builder().code(204).build();
                }
                return TestSupport.json(404, "{\"error\":\"not_found\",\"errorDescription\":\"" + path + "\"}");
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CivisClient.Builder builder() {
        return TestSupport.clientFor(server, new TestSupport.RecordingSleeper());
    }

    @Test
    void theGroupAccessorsAnswerTheGeneratedGroupsAndTheWorkflowsStandBeside() {
        try (CivisClient client = builder().build()) {
            // the generated group, not a hand-written class forwarding to it
            assertThat(client.files().getClass().getPackageName()).isEqualTo("io.github.civis.client.api");
            assertThat(client.reactiveFiles().getClass().getPackageName()).isEqualTo("io.github.civis.client.api");
            assertThat(client.fileTransfers().reactive()).isSameAs(client.reactiveFileTransfers());
        }
    }

    @Test
    void everyWorkflowAccessorAnswersTheSameInstanceEachCall() {
        try (CivisClient client = builder().build()) {
            List<Supplier<Object>> accessors = List.of(client::runs, client::reactiveRuns, client::fileTransfers,
                    client::reactiveFileTransfers, client::lookups, client::sql, client::reactiveSql, client::tables,
                    client::reactiveTables);
            for (Supplier<Object> accessor : accessors) {
                assertThat(accessor.get()).isNotNull().isSameAs(accessor.get());
            }
        }
    }

    @Test
    void runsPollOnTheBuildersScheduleTimerAndListeners() {
        RunPolling polling = new RunPolling(Duration.ofSeconds(3), 1.0, Duration.ofSeconds(3), 0.0);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        try (CivisClient client = builder().runPolling(polling)
            .runTimer(duration -> Mono.fromRunnable(() -> waits.add(duration)))
            .runListener(recording(first))
            .runListener(recording(second))
            .build()) {
            assertThat(client.runs().polling()).isEqualTo(polling);
            assertThat(client.reactiveRuns().polling()).isEqualTo(polling);

            JobRun done = client.runs().attach(1, 2).await(Duration.ofHours(1));

            assertThat(done.state()).isEqualTo("succeeded");
            // no real waiting: the builder's timer was asked for each pause, on the builder's schedule
            assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
            assertThat(first).containsExactly("started", "polled RUNNING", "polled SUCCEEDED", "ended SUCCEEDED");
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void lookupsKeepTheirAnswersInTheBuildersCache() {
        List<String> keys = new CopyOnWriteArrayList<>();
        LookupCache cache = new LookupCache() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(String key, Supplier<T> loader) {
                keys.add(key);
                return (T) Long.valueOf(42);
            }
        };
        try (CivisClient client = builder().lookupCache(cache).build()) {
            assertThat(client.lookups().databaseId("warehouse")).isEqualTo(42);
            assertThat(keys).singleElement().asString().contains("warehouse");
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Test
    void theWorkflowTimeoutIsTheBuilders() {
        try (CivisClient defaults = builder().build();
                CivisClient shorter = builder().workflowTimeout(Duration.ofMinutes(5)).build()) {
            assertThat(defaults.workflowTimeout()).isEqualTo(CivisClient.WORKFLOW_TIMEOUT);
            assertThat(shorter.workflowTimeout()).isEqualTo(Duration.ofMinutes(5));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> CivisClient.builder().workflowTimeout(Duration.ZERO))
            .withMessageContaining("workflowTimeout");
    }

    @Test
    void fileTransferListenersAreToldAfterTheSettingsOwn(@TempDir Path dir) throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        FileTransferListener fromSettings = event -> told.add("settings " + event.direction());
        FileTransferSettings settings = new FileTransferSettings(FileTransferSettings.defaults().multipartThreshold(),
                2, Duration.ofMinutes(1), fromSettings);
        Path source = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        try (CivisClient client = builder().fileTransfers(settings)
            .fileTransferListener(event -> told.add("added " + event.direction()))
            .fileTransferListener(event -> told.add("added again " + event.outcome()))
            .build()) {
            assertThat(client.fileTransfers().upload(source, "a.csv")).isEqualTo(7);
        }
        assertThat(told).containsExactly("settings UPLOAD", "added UPLOAD", "added again " + FileTransferEvent.Outcome.SUCCESS);
    }

    @Test
    void theViewWithoutRetriesKeepsTheWorkflowSettings() {
        RunPolling polling = RunPolling.defaults().withInitial(Duration.ofSeconds(2));
        try (CivisClient client = builder().runPolling(polling).workflowTimeout(Duration.ofMinutes(7)).build();
                CivisClient view = client.withoutRetries()) {
            assertThat(view.runs().polling()).isEqualTo(polling);
            assertThat(view.workflowTimeout()).isEqualTo(Duration.ofMinutes(7));
        }
    }

    @Test
    void theTransportIsReachableForOperationsOfOneself() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return TestSupport.json(200, "{\"id\":5,\"name\":\"c\"}");
            }
        });
        try (CivisClient client = builder().build()) {
            assertThat(client.transport().call(TestSupport.GET_CREDENTIAL,
                    io.github.civis.client.transport.CallArguments.path(5L), TestSupport.BODY)
                .get("id").asLong()).isEqualTo(5);
        }
    }

    private static CivisRunListener recording(List<String> events) {
        return new CivisRunListener() {
            @Override
            public void awaitStarted(long jobId, long runId) {
                events.add("started");
            }

            @Override
            public void polled(long jobId, long runId, RunState state) {
                events.add("polled " + state);
            }

            @Override
            public void awaitEnded(long jobId, long runId, AwaitOutcome outcome, Duration waited) {
                events.add("ended " + outcome);
            }
        };
    }
}
