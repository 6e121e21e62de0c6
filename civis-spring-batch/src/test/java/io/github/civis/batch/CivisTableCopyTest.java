package io.github.civis.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table copied by a job of the reader and the writer reads back identical, values CSV gets
 * wrong easily included, through one import run.
 */
class CivisTableCopyTest {

    private static final String DB = "redshift-general";
    private static final int ROWS = 100_000;

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(builder -> builder
        .seed(new Seed().database(DB).table(DB, "source.people", TrickyRows.COLUMNS, ROWS, TrickyRows::row)));

    private static final BatchInfrastructure batch = new BatchInfrastructure();

    @AfterAll
    static void closeBatch() {
        batch.close();
    }

    @Test
    void copyOf100000RowsReadsBackIdenticalThroughOneImport(CivisClient client, @TempDir Path spool) throws Exception {
        JobExecution execution = batch.jobOperator().start(
                CopyJobs.copy(batch.jobRepository(), client, "source.people", "copy.people", DB, 1000, 0, spool,
                        row -> row),
                new JobParameters());

        StepExecution step = execution.getStepExecutions().iterator().next();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step.getReadCount()).isEqualTo(ROWS);
        assertThat(step.getWriteCount()).isEqualTo(ROWS);
        assertThat(SimulatorCounts.successfulImportRuns(client, "copy.people")).isOne();
        List<List<String>> back = new ArrayList<>(ROWS);
        List<String> columns;
        try (Stream<CsvRow> rows = client.sql().stream("SELECT * FROM copy.people", DB)) {
            rows.forEach(row -> back.add(row.values()));
        }
        columns = client.sql().query("SELECT * FROM copy.people", DB).columns();
        assertThat(columns).isEqualTo(TrickyRows.COLUMNS);
        assertThat(back).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            // Compared one by one so that a failure names the first row that differs.
            assertThat(back.get(i)).as("row %d", i).isEqualTo(TrickyRows.row(i));
        }
        assertThat(spool).isEmptyDirectory();
    }
}
