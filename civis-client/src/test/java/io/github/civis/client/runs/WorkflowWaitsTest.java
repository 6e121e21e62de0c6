package io.github.civis.client.runs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.Table;
import io.github.civis.client.sql.QueryResult;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.simulator.state.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waits of the SQL and table workflows go through the runs' one waiter: they poll on the
 * runs' schedule, through the runs' timer (here {@link TestTime}, which moves the simulator's
 * clock instead of sleeping, so no real time passes), and the runs' listener sees them as it
 * sees a run's wait.
 */
class WorkflowWaitsTest {

    private static final String DB = "redshift-general";

    private final TestTime time = new TestTime();

    private final Recorder listener = new Recorder();

    private CivisSimulator simulator;

    private CivisClient client;

    private CivisRuns runs;

    @BeforeEach
    void start() {
        simulator = CivisSimulator.builder().apiKey("k").clock(time).runStep(Duration.ofSeconds(5))
            .seed(new Seed().database(DB).table(DB, "public.scores", List.of("id", "score"),
                    List.of(List.of("1", "10"), List.of("2", "20"))))
            .build().start();
        client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("k").build();
        runs = client.runs().withTimer(time).withListener(listener);
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void aTableRefreshPollsOnTheRunsTimerAndTheListenerSeesEveryPoll() {
        long tableId = client.lookups().tableId("public.scores", DB);
        simulator.runOutcome(tableId, RunOutcome.succeeded().lasting(Duration.ofSeconds(20)));

        Table refreshed = client.tableTransfers().withRuns(runs).refresh(tableId);

        assertThat(refreshed.refreshStatus()).isEqualTo("current");
        // running 20 s of the simulator's clock, all of it waited on the test's timer
        assertThat(time.waits()).hasSizeGreaterThan(3);
        assertThat(time.waits().stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(time.waits().get(0)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(1));
        assertThat(listener.events).first().isEqualTo("started " + tableId);
        assertThat(listener.events).last().isEqualTo("ended " + tableId + " succeeded");
        assertThat(listener.events).filteredOn(e -> e.startsWith("polled " + tableId)).hasSize(time.waits().size());
        assertThat(listener.events).filteredOn(e -> e.startsWith("polled ")).last().isEqualTo("polled " + tableId + " succeeded");
    }

    @Test
    void anSqlQueryPollsOnTheRunsTimerAndTheListenerSeesEveryPoll() {
        QueryResult result = client.sql().withRuns(runs).query("SELECT * FROM public.scores", DB);

        assertThat(result.rows()).containsExactly(List.of("1", "10"), List.of("2", "20"));
        // queued 5 s and running 5 s of the simulator's clock, waited on the test's timer
        assertThat(time.waits()).hasSizeGreaterThan(2);
        assertThat(time.waits().stream().reduce(Duration.ZERO, Duration::plus)).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        long queryId = result.queryId();
        assertThat(listener.events).first().isEqualTo("started " + queryId);
        assertThat(listener.events).last().isEqualTo("ended " + queryId + " succeeded");
        assertThat(listener.events).filteredOn(e -> e.startsWith("polled " + queryId)).hasSize(time.waits().size());
    }

    @Test
    void anSqlWaitHonoursTheRunsPollingSchedule() {
        CivisRuns slow = runs.withPolling(RunPolling.defaults().withInitial(Duration.ofSeconds(4)).withJitter(0));

        client.sql().withRuns(slow).query("SELECT * FROM public.scores", DB);

        assertThat(time.waits()).first().isEqualTo(Duration.ofSeconds(4));
        assertThat(time.waits()).allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(4)));
    }

    /** What the listener was told, in order, as text. */
    private static final class Recorder implements CivisRunListener {

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void awaitStarted(long jobId, long runId) {
            events.add("started " + jobId);
        }

        @Override
        public void polled(long jobId, long runId, RunState state) {
            events.add("polled " + jobId + " " + state.wireName());
        }

        @Override
        public void awaitEnded(long jobId, long runId, AwaitOutcome outcome, Duration waited) {
            events.add("ended " + jobId + " " + outcome.tagValue());
        }
    }
}
