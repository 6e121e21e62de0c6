package io.github.civis.client.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.RunState;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An import prepared (file uploaded, job created) without running it: the table changes only
 * when the job is run, and a job run twice reads the same uploaded file.
 */
class CivisTablesPrepareImportTest {

    private static final String DB = "redshift-general";
    private static final Duration WAIT = Duration.ofMinutes(2);

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create(builder -> builder
        .seed(new Seed().database(DB)));

    @Test
    void preparedImportChangesNothingUntilItsJobRuns(CivisClient client, @TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("people.csv"), "id,name\n1,Ann\n2,\"Bo, Jr\"\n");

        long jobId = client.tableTransfers().prepareImportCsv(csv, "staging.prepared", DB,
                ImportOptions.defaults().withExistingTable(ImportOptions.ExistingTable.APPEND));

        assertThat(client.databases().listAllTables(client.lookups().databaseId(DB), q -> { }))
            .noneMatch(table -> "prepared".equals(table.name()));
        CivisRun first = client.runs().start(jobId);
        first.await(WAIT);
        CivisRun second = client.runs().start(jobId);
        second.await(WAIT);
        assertThat(second.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(client.sql().query("SELECT * FROM staging.prepared", DB).rows())
            .containsExactly(List.of("1", "Ann"), List.of("2", "Bo, Jr"), List.of("1", "Ann"), List.of("2", "Bo, Jr"));
    }

    @Test
    void preparedImportNamesABadTable(CivisClient client, @TempDir Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("x.csv"), "a\n1\n");

        assertThatIllegalArgumentException()
            .isThrownBy(() -> client.tableTransfers().prepareImportCsv(csv, "no_schema", DB, ImportOptions.defaults()))
            .withMessageContaining("no_schema");
    }
}
