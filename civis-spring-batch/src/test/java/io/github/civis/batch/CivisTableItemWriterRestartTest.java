package io.github.civis.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.tables.ImportOptions;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;
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
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy step that fails part-way, then is restarted, leaves every row in the destination exactly
 * once, and runs each import once.
 */
class CivisTableItemWriterRestartTest {

    private static final String DB = "redshift-general";
    private static final int ROWS = 20_000;

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(builder -> builder
        .seed(new Seed().database(DB).table(DB, "source.rows", TrickyRows.COLUMNS, ROWS, TrickyRows::row)));

    private static final BatchInfrastructure batch = new BatchInfrastructure();

    @AfterAll
    static void closeBatch() {
        batch.close();
    }

    @Test
    void importRefusedAtTheSimulatorThenRestartedImportsEveryRowOnceInOneRun(CivisClient client,
            CivisSimulator simulator, @TempDir Path spool) throws Exception {
        String table = "copy.refused";
        AtomicInteger processed = new AtomicInteger();
        // Half-way through, the simulator starts refusing to start runs: the step's import at the end fails.
        ItemProcessor<CsvRow, CsvRow> faultHalfWay = row -> {
            if (processed.incrementAndGet() == ROWS / 2) {
                simulator.faults().add(FaultRule.status(500).on("POST", "/jobs/{id}/runs").times(1));
            }
            return row;
        };

        JobExecution failed = run(client, table, 0, spool, faultHalfWay);
        JobExecution restarted = run(client, table, 0, spool, row -> row);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(failed).getExitStatus().getExitDescription()).contains("Simulated failure with status 500");
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        assertEveryRowOnce(client, table);
        assertThat(SimulatorCounts.successfulImportRuns(client, table)).isOne();
    }

    @Test
    void stepFailingMidWayWithPartsImportedThenRestartedImportsEachPartOnce(CivisClient client, CivisSimulator simulator,
            @TempDir Path spool) throws Exception {
        String table = "copy.parts";
        AtomicInteger processed = new AtomicInteger();
        // Parts of about 16 KB of gzip are imported as the step goes; after the first part, the simulator
        // refuses the next import run: the step fails mid-way with a part in the table.
        ItemProcessor<CsvRow, CsvRow> faultAfterFirstPart = row -> {
            if (processed.incrementAndGet() == ROWS / 2) {
                simulator.faults().add(FaultRule.status(500).on("POST", "/jobs/{id}/runs").times(1));
            }
            return row;
        };

        JobExecution failed = run(client, table, 16 * 1024, spool, faultAfterFirstPart);
        long importedBeforeRestart = SimulatorCounts.successfulImportRuns(client, table);
        JobExecution restarted = run(client, table, 16 * 1024, spool, row -> row);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(failed).getReadCount()).isLessThan(ROWS);
        assertThat(importedBeforeRestart).isPositive();
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertEveryRowOnce(client, table);
        assertThat(SimulatorCounts.successfulRunsPerImportJob(client, table)).allMatch(runs -> runs <= 1)
            .filteredOn(runs -> runs == 1).hasSize(step(restarted).getExecutionContext()
                .getInt("destination." + CivisTableItemWriter.IMPORT_RUNS));
        assertThat(SimulatorCounts.successfulImportRuns(client, table)).isGreaterThan(importedBeforeRestart);
    }

    @Test
    void stepFailingMidWayWhileReadingThenRestartedImportsEveryRowOnceInOneRun(CivisClient client,
            @TempDir Path spool) throws Exception {
        String table = "copy.broken";
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger processed = new AtomicInteger();
        ItemProcessor<CsvRow, CsvRow> breaksOnce = row -> {
            if (broken.get() && processed.incrementAndGet() == 12_345) {
                throw new IllegalStateException("broken at row 12345");
            }
            return row;
        };

        JobExecution failed = run(client, table, 0, spool, breaksOnce);
        broken.set(false);
        JobExecution restarted = run(client, table, 0, spool, breaksOnce);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(SimulatorCounts.successfulImportRuns(client, table)).isOne();
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted).getReadCount()).isEqualTo(ROWS - 12_000);
        assertEveryRowOnce(client, table);
    }

    @Test
    void stagedImportThatRanBeforeTheProcessDiedIsNotRunAgain(CivisClient client, @TempDir Path dir) throws Exception {
        // As a process killed after its import ran but before the step recorded it would leave things:
        // the staged job on record, its run succeeded.
        Path csv = Files.writeString(dir.resolve("part.csv"), "id,text,note\n1,a,\n2,b,\n");
        long jobId = client.tableTransfers().prepareImportCsv(csv, "copy.staged", DB, ImportOptions.defaults());
        CivisRun ran = client.runs().start(jobId);
        ran.await(java.time.Duration.ofMinutes(1));
        ExecutionContext context = new ExecutionContext();
        context.putLong("destination." + CivisTableItemWriter.STAGED_JOB, jobId);
        context.putLong("destination." + CivisTableItemWriter.STAGED_ROWS, 2);
        CivisTableItemWriter<CsvRow> writer = new CivisTableItemWriterBuilder<CsvRow>().name("destination")
            .client(client).table("copy.staged").database(DB).cells(CsvCells.ofRow()).spoolDirectory(dir).build();

        writer.open(context);

        assertThat(client.jobs().listRuns(jobId)).hasSize(1);
        assertThat(writer.importedRows()).isEqualTo(2);
        assertThat(context.containsKey("destination." + CivisTableItemWriter.STAGED_JOB)).isFalse();
        assertThat(client.sql().query("SELECT * FROM copy.staged", DB).rows()).hasSize(2);
    }

    private static JobExecution run(CivisClient client, String table, long importEvery, Path spool,
            ItemProcessor<CsvRow, CsvRow> processor) throws Exception {
        return batch.jobOperator().start(CopyJobs.copy(batch.jobRepository(), client, "source.rows", table, DB, 500,
                importEvery, spool, processor), new JobParameters());
    }

    private static StepExecution step(JobExecution execution) {
        return execution.getStepExecutions().iterator().next();
    }

    private static void assertEveryRowOnce(CivisClient client, String table) {
        List<List<String>> back = new ArrayList<>();
        try (Stream<CsvRow> rows = client.sql().stream("SELECT * FROM " + table, DB)) {
            rows.forEach(row -> back.add(row.values()));
        }
        back.sort(java.util.Comparator.comparingLong(row -> Long.parseLong(row.get(0))));
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            expected.add(TrickyRows.row(i));
        }
        assertThat(back).hasSize(ROWS).isEqualTo(expected);
    }
}
