package io.github.civis.client.tables;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.ReactiveTablesApi;
import io.github.civis.client.error.CivisNotFoundException;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.model.Table;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.ReactiveCivisRun;
import io.github.civis.client.runs.RunState;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.tables.ImportOptions.ExistingTable;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The reactive tables against the simulator: imports that can be queried back, failures as error
 * signals carrying the platform's error, laziness, refreshes awaited without blocking.
 */
class ReactiveCivisTablesTest {

    private static final String DB = "redshift-general";
    /** Bounds every wait of these tests; the runs they wait for take about a second. */
    private static final Duration WAIT = Duration.ofMinutes(2);

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create(builder -> builder
        .seed(new Seed().database(DB)
            .table(DB, "public.scores", List.of("id", "score"), List.of(List.of("1", "10"), List.of("2", "20")))));

    @Test
    void importedCsvCanBeQueriedBack(CivisClient client) {
        String csv = "id,quote,text,empty,missing\n"
                + "1,\"she said \"\"hi\"\"\",\"two\nlines\",\"\",\n"
                + "2,\"a,b\",plain,\"\",\n";

        ReactiveCivisRun run = client.reactiveTableTransfers()
            .importCsv(csv(csv), "staging.reactive_import", DB, ImportOptions.defaults())
            .block(WAIT);
        List<List<String>> back = client.reactiveSql().stream("SELECT * FROM staging.reactive_import", DB)
            .map(CsvRow::values).collectList().block(WAIT);

        assertThat(run.state().block(WAIT)).isEqualTo(RunState.SUCCEEDED);
        assertThat(back).containsExactly(Arrays.asList("1", "she said \"hi\"", "two\nlines", "", null),
                Arrays.asList("2", "a,b", "plain", "", null));
    }

    @Test
    void importFromAFileReplacesTheTableWhenAsked(CivisClient client, @TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("first.csv"), "a\n1\n");
        Path second = Files.writeString(dir.resolve("second.csv"), "b,c\n2,3\n");
        ImportOptions replace = ImportOptions.defaults().withExistingTable(ExistingTable.DROP);

        client.reactiveTableTransfers().importCsv(first, "staging.reactive_replaced", DB, replace)
            .then(client.reactiveTableTransfers().importCsv(second, "staging.reactive_replaced", DB, replace))
            .block(WAIT);

        assertThat(client.sql().query("SELECT * FROM staging.reactive_replaced", DB).rows())
            .containsExactly(List.of("2", "3"));
        assertThat(client.sql().query("SELECT * FROM staging.reactive_replaced", DB).columns())
            .containsExactly("b", "c");
    }

    @Test
    void failedImportIsAnErrorWithThePlatformsErrorAndLeavesTheTableAsItWas(CivisClient client) {
        ReactiveCivisTableTransfers tables = client.reactiveTableTransfers();
        tables.importCsv(csv("a,b\n1,2\n"), "staging.reactive_kept", DB, ImportOptions.defaults()).block(WAIT);

        Mono<ReactiveCivisRun> ragged = tables.importCsv(csv("a,b\n3,4\n5\n"), "staging.reactive_kept", DB,
                ImportOptions.defaults().withExistingTable(ExistingTable.DROP));

        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> ragged.block(WAIT))
            .satisfies(ex -> {
                assertThat(ex.error()).contains("has 1 columns, expected 2");
                assertThat(ex.logTail()).anySatisfy(line -> assertThat(line).contains("has 1 columns, expected 2"));
                assertThat(ex.jobId()).isPositive();
                assertThat(ex.runId()).isPositive();
            });
        assertThat(client.sql().query("SELECT * FROM staging.reactive_kept", DB).rows())
            .containsExactly(List.of("1", "2"));
    }

    @Test
    void nothingHappensUntilSubscriptionAndBadArgumentsArriveAsErrors(CivisClient client, CivisSimulator simulator) {
        long before = simulator.stats().requests();
        Mono<ReactiveCivisRun> malformed = client.reactiveTableTransfers()
            .importCsv(csv("a\n1\n"), "a.b.c", DB, ImportOptions.defaults());
        Mono<ReactiveCivisRun> unknownDatabase = client.reactiveTableTransfers()
            .importCsv(csv("a\n1\n"), "staging.never", "redshift-genral", ImportOptions.defaults());
        Mono<Table> refreshOfNoTable = client.reactiveTableTransfers().refresh(999_999);
        long afterAssembly = simulator.stats().requests();

        assertThat(afterAssembly).isEqualTo(before);
        assertThatIllegalArgumentException().isThrownBy(() -> malformed.block(WAIT))
            .withMessageContaining("3 dot-separated parts");
        assertThatExceptionOfType(CivisLookupException.class).isThrownBy(() -> unknownDatabase.block(WAIT))
            .withMessageContaining("did you mean 'redshift-general'?");
        assertThatExceptionOfType(CivisNotFoundException.class).isThrownBy(() -> refreshOfNoTable.block(WAIT))
            .withMessageContaining("no table 999999");
    }

    @Test
    void refreshWaitsUntilThePlatformReportsTheTableCurrent(CivisClient client) {
        long tableId = client.lookups().tableId("public.scores", DB);

        Table refreshed = client.reactiveTableTransfers().refresh(tableId).block(WAIT);

        assertThat(refreshed.refreshStatus()).isEqualTo("current");
        assertThat(refreshed.lastRun()).isNotNull();
        assertThat(refreshed.lastRun().state()).isEqualTo("succeeded");
    }

    @Test
    void theReactiveTablesGroupIsTheGeneratedGroupWithTheTransfersBesideIt(CivisClient client) {
        ReactiveTablesApi group = client.reactiveTables();

        assertThat(group).isNotInstanceOf(ReactiveCivisTableTransfers.class);
        assertThat(ReactiveTablesApi.class.isAssignableFrom(ReactiveCivisTableTransfers.class)).isFalse();
        assertThat(group.listAll(q -> q.schema("public")).map(t -> t.name()).collectList().block(WAIT))
            .contains("scores");
    }

    private static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
