package io.github.civis.client.tables;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.model.Table;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.CivisRunTimeoutException;
import io.github.civis.client.runs.ReactiveCivisRun;
import io.github.civis.client.runs.RunState;
import io.github.civis.client.tables.ImportOptions.ExistingTable;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Table-to-table copies across databases ({@code Dbsync} imports) and table refreshes, blocking
 * and reactive, against the simulator.
 */
class TableTransferTest {

    private static final String WAREHOUSE = "redshift-general";
    private static final String ANALYTICS = "analytics";
    /** Bounds every reactive wait of these tests; the runs they wait for take about a second. */
    private static final Duration WAIT = Duration.ofMinutes(2);

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create(builder -> builder
        .seed(new Seed().database(WAREHOUSE).database(ANALYTICS)
            .table(WAREHOUSE, "public.people", List.of("id", "name"), List.of(List.of("1", "Ann"),
                    Arrays.asList("2", null), List.of("3", "Cy, Jr.")))
            .table(ANALYTICS, "archive.kept", List.of("a"), List.of(List.of("old")))));

    @Test
    void transferCopiesATableIntoAnotherDatabase(CivisClient client) {
        CivisRun run = client.tableTransfers().transfer("public.people", WAREHOUSE, "archive.people", ANALYTICS, ExistingTable.FAIL);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(client.sql().query("SELECT * FROM archive.people", ANALYTICS).rows())
            .containsExactly(List.of("1", "Ann"), Arrays.asList("2", null), List.of("3", "Cy, Jr."));
        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.sql().query("SELECT * FROM archive.people", WAREHOUSE))
            .as("the source database is not written");
    }

    @Test
    void existingDestinationIsHandledAsAsked(CivisClient client) {
        client.tableTransfers().transfer("public.people", WAREHOUSE, "archive.twice", ANALYTICS, ExistingTable.FAIL);

        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.tableTransfers().transfer("public.people", WAREHOUSE, "archive.twice", ANALYTICS,
                    ExistingTable.FAIL))
            .satisfies(ex -> assertThat(ex.error()).contains("archive.twice already exists"));
        client.tableTransfers().transfer("public.people", WAREHOUSE, "archive.twice", ANALYTICS, ExistingTable.APPEND);
        assertThat(client.sql().query("SELECT id FROM archive.twice", ANALYTICS).rows()).hasSize(6);
        client.tableTransfers().transfer("public.people", WAREHOUSE, "archive.twice", ANALYTICS, ExistingTable.TRUNCATE);
        assertThat(client.sql().query("SELECT id FROM archive.twice", ANALYTICS).rows()).hasSize(3);
    }

    @Test
    void unknownSourceTableFailsTheRunAndLeavesTheDestinationAsItWas(CivisClient client) {
        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.tableTransfers().transfer("public.nobody", WAREHOUSE, "archive.kept", ANALYTICS,
                    ExistingTable.DROP))
            .satisfies(ex -> {
                assertThat(ex.error()).isEqualTo("relation \"public.nobody\" does not exist");
                assertThat(ex.logTail()).anySatisfy(line -> assertThat(line).contains("public.nobody"));
                assertThat(ex.jobId()).isPositive();
            });
        assertThat(client.sql().query("SELECT * FROM archive.kept", ANALYTICS).rows()).containsExactly(List.of("old"));
    }

    @Test
    void badNamesAreRefusedBeforeAnyJobIsMade(CivisClient client) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> client.tableTransfers().transfer("people", WAREHOUSE, "archive.people", ANALYTICS, ExistingTable.FAIL));
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> client.tableTransfers().transfer("public.people", WAREHOUSE, "archive.people", "analytcs",
                    ExistingTable.FAIL))
            .withMessageContaining("did you mean 'analytics'?");
    }

    @Test
    void reactiveTransferEmitsTheEndedRunOrTheFailure(CivisClient client) {
        ReactiveCivisRun run = client.reactiveTableTransfers()
            .transfer("public.people", WAREHOUSE, "archive.reactive", ANALYTICS, ExistingTable.DROP)
            .block(WAIT);

        assertThat(run.state().block(WAIT)).isEqualTo(RunState.SUCCEEDED);
        assertThat(client.sql().query("SELECT name FROM archive.reactive", ANALYTICS).rows()).hasSize(3);
        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.reactiveTableTransfers()
                .transfer("public.nobody", WAREHOUSE, "archive.reactive", ANALYTICS, ExistingTable.DROP).block(WAIT))
            .satisfies(ex -> assertThat(ex.error()).isEqualTo("relation \"public.nobody\" does not exist"));
    }

    @Test
    void refreshWaitsUntilTheTableIsCurrent(CivisClient client) {
        long tableId = client.lookups().tableId("public.people", WAREHOUSE);

        Table refreshed = client.tableTransfers().refresh(tableId);

        assertThat(refreshed.refreshStatus()).isEqualTo("current");
        assertThat(refreshed.lastRun().state()).isEqualTo("succeeded");
    }

    @Test
    void refreshThatDoesNotEndInTimeRaisesTheRunTimeoutNamingTheTable() {
        // Runs on this simulator take an hour per step: the refresh stays "refreshing".
        try (CivisSimulator slow = CivisSimulator.builder().apiKey("key").runStep(Duration.ofHours(1))
            .seed(new Seed().table(WAREHOUSE, "public.slow", List.of("id"), List.of(List.of("1"))))
            .build().start();
                CivisClient client = CivisClient.builder().baseUrl(slow.baseUrl()).apiKey("key").build()) {
            long tableId = client.lookups().tableId("public.slow", WAREHOUSE);

            assertThatExceptionOfType(CivisRunTimeoutException.class)
                .isThrownBy(() -> client.tableTransfers().withTimeout(Duration.ofMillis(1)).refresh(tableId))
                .satisfies(ex -> assertThat(ex.jobId()).isEqualTo(tableId));
            assertThatExceptionOfType(CivisRunTimeoutException.class)
                .isThrownBy(() -> client.reactiveTableTransfers().withTimeout(Duration.ofMillis(1)).refresh(tableId).block(WAIT))
                .satisfies(ex -> assertThat(ex.jobId()).isEqualTo(tableId));
            assertThat(client.tables().get(tableId).refreshStatus()).isEqualTo("refreshing");
        }
    }
}
