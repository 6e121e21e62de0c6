package io.github.civis.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.civis.client.CivisClient;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.ReactiveCivisRun;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.sql.ExportOptions;
import io.github.civis.client.sql.QueryResult;
import io.github.civis.client.sql.SqlExport;
import io.github.civis.client.sql.SqlParameter;
import io.github.civis.client.tables.ImportOptions;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.simulator.sql.Seed;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The "SQL and tables" examples of the docs, run against the simulator so that they stay true
 * ({@link DocsShowExamplesTest} checks that the docs show them as they are here).
 */
class ReadmeSqlExamplesTest {

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(builder -> builder
        .seed(new Seed().database("redshift-general").database("analytics")
            .table("redshift-general", "public.people", List.of("id", "name", "score"),
                    List.of(List.of("1", "Ann", "9.5"), List.of("2", "Bo", "7")))));

    @TempDir
    Path directory;

    @Test
    void queryExportAndStream(CivisClient client) {
        Path target = this.directory.resolve("people.csv");
        // README: sql
        QueryResult preview = client.sql().query("SELECT * FROM public.people LIMIT 10", "redshift-general");
        preview.columns();                                   // [id, name, score]
        preview.rows();                                      // at most 100 rows, cells as text or null

        try (Stream<CsvRow> rows = client.sql().stream("SELECT * FROM public.people", "redshift-general")) {
            rows.forEach(row -> handle(row.getLong("id"), row.get("name"), row.getDecimal("score")));
        }                                                    // read as it downloads: any size, flat memory

        client.sql().exportTo("SELECT * FROM public.people", "redshift-general", target); // a local CSV file
        SqlExport export = client.sql().export("SELECT id, name FROM public.people", "redshift-general",
                ExportOptions.defaults().withDelimiter(ExportOptions.Delimiter.PIPE)
                    .withCompression(ExportOptions.Compression.NONE));
        export.fileIds();                                    // the result's Civis files, for client.files()
        // README: end

        // README: sql reactive
        Flux<CsvRow> people = client.reactiveSql().stream("SELECT * FROM public.people", "redshift-general");
        // README: end

        assertThat(preview.columns()).containsExactly("id", "name", "score");
        assertThat(preview.rows()).hasSize(2);
        assertThat(target).hasContent("id,name,score\n1,Ann,9.5\n2,Bo,7");
        assertThat(people.map(row -> row.get("name")).collectList().block(Duration.ofMinutes(1)))
            .containsExactly("Ann", "Bo");
        assertThat(export.fileIds()).hasSize(1);
    }

    @Test
    void importAndLookups(CivisClient client) throws IOException {
        Path csv = Files.writeString(this.directory.resolve("scores.csv"), "id,score\n1,10\n2,20\n");
        // README: sql tables
        CivisRun run = client.tableTransfers().importCsv(csv, "staging.scores", "redshift-general",
                ImportOptions.defaults()
                    .withExistingTable(ImportOptions.ExistingTable.DROP)    // or FAIL (default), APPEND, TRUNCATE
                    .withColumns(List.of(new ImportOptions.Column("id", "INTEGER"),
                            new ImportOptions.Column("score", "INTEGER"))));  // default: types detected
        long tableId = client.lookups().tableId("staging.scores", "redshift-general");
        client.tableTransfers().refresh(tableId);                           // statistics, awaited

        ReactiveCivisRun imported = client.reactiveTableTransfers()
            .importCsv(csv, "staging.scores_copy", "redshift-general", ImportOptions.defaults())
            .block(Duration.ofMinutes(10));                                 // lazy: nothing runs until subscribed
        // README: end

        // README: sql lookups
        long database = client.lookups().databaseId("redshift-general");   // cached, 5 minutes by default
        try {
            client.lookups().databaseId("redshift-genral");
        }
        catch (CivisLookupException ex) {
            ex.getMessage();      // No database named 'redshift-genral'; did you mean 'redshift-general'?
            ex.closestMatches();  // [redshift-general]
        }
        // README: end

        // README: sql failure
        try {
            client.tableTransfers().importCsv(csv, "staging.scores", "redshift-general", ImportOptions.defaults());
        }
        catch (CivisRunFailedException ex) {
            ex.error();           // the platform's error: the table exists (FAIL is the default)
            ex.logTail();         // the run's last log lines
            ex.jobId();           // the import job and run, to look them up in the platform
            ex.runId();
        }
        // README: end

        assertThat(run.state().wireName()).isEqualTo("succeeded");
        assertThat(imported.runId()).isPositive();
        assertThat(database).isPositive();
        assertThat(client.sql().query("SELECT * FROM staging.scores", "redshift-general").rows())
            .containsExactly(List.of("1", "10"), List.of("2", "20"));
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> client.lookups().databaseId("redshift-genral"))
            .satisfies(ex -> assertThat(ex.closestMatches()).containsExactly("redshift-general"));
        assertThatExceptionOfType(CivisRunFailedException.class)
            .isThrownBy(() -> client.tableTransfers().importCsv(csv, "staging.scores", "redshift-general",
                    ImportOptions.defaults()))
            .satisfies(ex -> assertThat(ex.error()).contains("already exists"));
    }

    @Test
    void parametersAndTransfer(CivisClient client) {
        // README: sql parameters
        ExportOptions firstRows = ExportOptions.defaults()
            .withParameter(SqlParameter.of("schema", "public"))
            .withParameter(SqlParameter.of("max_rows", 1));                 // {{name}} in the statement
        try (Stream<CsvRow> rows = client.sql().stream("SELECT name FROM {{schema}}.people LIMIT {{max_rows}}",
                "redshift-general", firstRows)) {
            rows.forEach(row -> handle(row.get("name")));
        }

        CivisRun copied = client.tableTransfers().transfer("public.people", "redshift-general",
                "archive.people", "analytics", ImportOptions.ExistingTable.FAIL); // table to table, awaited
        // README: end

        assertThat(copied.state().wireName()).isEqualTo("succeeded");
        assertThat(client.sql().query("SELECT * FROM archive.people", "analytics").rows())
            .containsExactly(List.of("1", "Ann", "9.5"), List.of("2", "Bo", "7"));
        try (Stream<CsvRow> rows = client.sql().stream("SELECT name FROM {{schema}}.people LIMIT {{max_rows}}",
                "redshift-general", firstRows)) {
            assertThat(rows.map(row -> row.get("name"))).containsExactly("Ann");
        }
    }

    private static void handle(String name) {
        assertThat(name).isNotBlank();
    }

    private static void handle(Long id, String name, java.math.BigDecimal score) {
        assertThat(id).isPositive();
        assertThat(name).isNotBlank();
        assertThat(score).isNotNull();
    }
}
