package io.github.civis.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.JobsApi;
import io.github.civis.client.lookup.TableName;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.tables.CivisTableTransfers;
import io.github.civis.client.tables.ImportOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Builds a {@link CivisTableItemWriter}, in the style of Spring Batch's own writer builders.
 *
 * <pre class="code">
 * CivisTableItemWriter&lt;Person&gt; writer = new CivisTableItemWriterBuilder&lt;Person&gt;()
 *     .name("people")
 *     .client(client)
 *     .jobRepository(jobRepository)
 *     .table("staging.people")
 *     .database("redshift-general")
 *     .columns("id", "name")
 *     .cells(person -&gt; List.of(String.valueOf(person.id()), person.name()))
 *     .existingTable(ImportOptions.ExistingTable.APPEND)
 *     .importEvery(256 * 1024 * 1024)
 *     .build();
 * </pre>
 *
 * @param <T> the item type
 */
public class CivisTableItemWriterBuilder<T> {

    private @Nullable CivisTableTransfers tables;
    private @Nullable CivisRuns runs;
    private @Nullable JobsApi jobs;
    private @Nullable String table;
    private @Nullable String database;
    private ImportOptions options = ImportOptions.defaults();
    private @Nullable List<String> columns;
    private @Nullable CsvCells<T> cells;
    private long importEveryBytes;
    private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private Duration timeout = CivisClient.WORKFLOW_TIMEOUT;
    private @Nullable JobRepository jobRepository;
    private @Nullable String name;

    /** An empty builder. */
    public CivisTableItemWriterBuilder() {
    }

    /**
     * Takes the tables and runs workflows and the jobs API from a client.
     * @param client the client
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> client(CivisClient client) {
        this.tables = client.tableTransfers();
        this.runs = client.runs();
        this.jobs = client.jobs();
        return this;
    }

    /**
     * The table transfers (the starter's {@code civisTableTransfers} bean, for its lookup cache).
     * @param tables the tables workflow
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> civisTableTransfers(CivisTableTransfers tables) {
        this.tables = tables;
        return this;
    }

    /**
     * The runs workflow (the starter's {@code CivisRuns} bean, for its polling and metrics).
     * @param runs the runs workflow
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> civisRuns(CivisRuns runs) {
        this.runs = runs;
        return this;
    }

    /**
     * The jobs API group, read on restart to see whether a staged import has run.
     * @param jobs the jobs API
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> jobsApi(JobsApi jobs) {
        this.jobs = jobs;
        return this;
    }

    /**
     * The destination table; required.
     * @param table {@code schema.table}
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> table(String table) {
        this.table = table;
        return this;
    }

    /**
     * The destination database's name; required.
     * @param database the name
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> database(String database) {
        this.database = database;
        return this;
    }

    /**
     * How the table is written: existing-table handling and declared column types. The header,
     * delimiter and compression are the writer's own (header row, comma, gzip).
     * @param options the options
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> importOptions(ImportOptions options) {
        this.options = options;
        return this;
    }

    /**
     * What the step's first import does to an existing table; default {@code FAIL}.
     * @param existingTable {@code FAIL}, {@code APPEND}, {@code TRUNCATE} or {@code DROP}
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> existingTable(ImportOptions.ExistingTable existingTable) {
        this.options = this.options.withExistingTable(existingTable);
        return this;
    }

    /**
     * The column names, the CSV header; required unless the items are {@code CsvRow}s, whose own are used.
     * @param columns the names, in cell order
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> columns(String... columns) {
        this.columns = List.of(columns);
        return this;
    }

    /**
     * The cells of an item, in column order; required ({@link CsvCells#ofRow()} for {@code CsvRow}s).
     * @param cells the cells
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> cells(CsvCells<T> cells) {
        this.cells = cells;
        return this;
    }

    /**
     * Imports the spool whenever it passes this size (compressed), as well as at the end; 0 (the
     * default) for one import at the end of the step.
     * @param bytes the size in bytes
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> importEvery(long bytes) {
        this.importEveryBytes = bytes;
        return this;
    }

    /**
     * Where spool files go; default {@code java.io.tmpdir}. A restart needs the unimported part's
     * file there.
     * @param directory the directory
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> spoolDirectory(Path directory) {
        this.spoolDirectory = directory;
        return this;
    }

    /**
     * The longest wait for one import to end; default one hour.
     * @param timeout a positive duration
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * The job repository, to save the execution context before the step's last import runs (so
     * that even a process killed during it never imports twice). Without it, that import is on
     * record only once the step has ended.
     * @param jobRepository the job repository
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> jobRepository(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
        return this;
    }

    /**
     * The name that prefixes the writer's keys in the execution context; required.
     * @param name the name, unique within the step
     * @return this builder
     */
    public CivisTableItemWriterBuilder<T> name(String name) {
        this.name = name;
        return this;
    }

    /**
     * Builds the writer.
     * @return the writer
     * @throws IllegalStateException naming what is missing or wrong
     */
    public CivisTableItemWriter<T> build() {
        if (tables == null || runs == null || jobs == null) {
            throw new IllegalStateException("Set client(...), or civisTableTransfers(...), civisRuns(...) and jobsApi(...)");
        }
        if (table == null) {
            throw new IllegalStateException("Set table(...): the destination, schema.table");
        }
        try {
            TableName.parse(table);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalStateException("table(...) must be schema.table: " + ex.getMessage(), ex);
        }
        if (database == null || database.isBlank()) {
            throw new IllegalStateException("Set database(...): the name of the destination database");
        }
        if (cells == null) {
            throw new IllegalStateException("Set cells(...): CsvCells.ofRow() writes CsvRows as they were read");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("Set name(...): it prefixes the writer's keys in the execution context");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("timeout(...) must be positive, was " + timeout);
        }
        if (importEveryBytes < 0) {
            throw new IllegalStateException("importEvery(...) must not be negative, was " + importEveryBytes);
        }
        CivisTableItemWriter<T> writer = new CivisTableItemWriter<>(tables, runs, jobs, table, database, options, columns,
                cells, importEveryBytes, spoolDirectory, timeout, jobRepository);
        writer.setName(name);
        return writer;
    }
}
