package io.github.civis.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

import io.github.civis.client.api.JobsApi;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.RunState;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.tables.CivisTableTransfers;
import io.github.civis.client.tables.ImportOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Loads items into a Civis table with CSV imports: each chunk's items are written as CSV to a
 * local spool file (gzip), and the spool is imported through the tables workflow once, when the
 * step has read and written everything; with {@code importEvery} set, also whenever the spool
 * passes that size. One import run per step by default, never one per chunk: the platform allows
 * 100 run-creating requests per 5 minutes.
 *
 * <p><strong>No duplicate rows after a restart.</strong> A spool part is first <em>staged</em>:
 * uploaded, with an import job created for it but not run ({@link CivisTableTransfers#prepareImportCsv}),
 * and the job's id recorded in the step's {@link ExecutionContext}; the import runs only after
 * that record is saved: at the next chunk for a part staged at a chunk boundary, at once for the
 * last part (saved through the {@link JobRepository}, when given). A restarted step looks at the
 * runs of a recorded import job before anything else: a run that succeeded means the part is in
 * the table, a run still going is awaited, otherwise the job is run again on the same uploaded
 * file. Rows of the part being spooled are kept to the last committed chunk: the spool is cut
 * back to the size recorded at that commit, so rows of a chunk rolled back are not imported.
 * The spool file must therefore still be there for a restart (on another machine, point
 * {@code spoolDirectory} at shared storage); when it is not, the step fails, naming it.
 *
 * <p>The first import of a step treats an existing table as {@link ImportOptions#existingTable()}
 * says ({@code FAIL}, {@code APPEND}, {@code TRUNCATE}, {@code DROP}); later parts of the same step
 * are appended to it.
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;StepScope
 * CivisTableItemWriter&lt;CsvRow&gt; copyWriter(CivisClient client, JobRepository jobRepository) {
 *     return new CivisTableItemWriterBuilder&lt;CsvRow&gt;()
 *         .name("copy")
 *         .client(client)
 *         .jobRepository(jobRepository)
 *         .table("staging.people")
 *         .database("redshift-general")
 *         .existingTable(ImportOptions.ExistingTable.TRUNCATE)
 *         .cells(CsvCells.ofRow())
 *         .build();
 * }
 * </pre>
 *
 * Registered with a step as its writer, it is also registered as the step's listener (Spring
 * Batch does that for writers that are {@link StepExecutionListener}s). Not thread-safe: use it in
 * a single-threaded step.
 *
 * @param <T> the item type
 */
public class CivisTableItemWriter<T> extends ItemStreamSupport implements ItemStreamWriter<T>, StepExecutionListener {

    static final String PART = "part";
    static final String SPOOL_FILE = "spool.file";
    static final String SPOOL_BYTES = "spool.bytes";
    static final String SPOOL_ROWS = "spool.rows";
    static final String STAGED_JOB = "staged.job.id";
    static final String STAGED_ROWS = "staged.rows";
    static final String STAGED_FILE = "staged.file";
    static final String IMPORTED_ROWS = "imported.rows";
    static final String IMPORT_RUNS = "import.runs";

    private static final Log logger = LogFactory.getLog(CivisTableItemWriter.class);

    private final CivisTableTransfers tables;
    private final CivisRuns runs;
    private final JobsApi jobs;
    private final String table;
    private final String database;
    private final ImportOptions options;
    private final @Nullable List<String> columns;
    private final CsvCells<T> cells;
    private final long importEveryBytes;
    private final Path spoolDirectory;
    private final Duration timeout;
    private final @Nullable JobRepository jobRepository;

    private int part = 1;
    private @Nullable Path spool;
    private @Nullable List<String> header;
    private long committedBytes;
    private long spoolRows;
    private long uncommittedRows;
    private @Nullable Long stagedJob;
    private long stagedRows;
    private @Nullable Path stagedFile;
    private long importedRows;
    private int importRuns;

    /**
     * A writer; {@link CivisTableItemWriterBuilder} is the usual way to make one.
     * @param tables the tables workflow (uploads and import jobs)
     * @param runs the runs workflow (runs and waits)
     * @param jobs the jobs API group (to see whether a staged import ran before a restart)
     * @param table {@code schema.table}
     * @param database the database's name
     * @param options how the table is written; the header, delimiter and compression are the writer's
     * @param columns the column names (the header row), or {@code null} to take them from {@link CsvRow} items
     * @param cells the cells of an item
     * @param importEveryBytes import the spool whenever it passes this many bytes; 0 for once, at the end
     * @param spoolDirectory where spool files go
     * @param timeout the longest wait for one import
     * @param jobRepository saves the execution context before the step's last import runs, or {@code null}
     */
    public CivisTableItemWriter(CivisTableTransfers tables, CivisRuns runs, JobsApi jobs, String table, String database,
            ImportOptions options, @Nullable List<String> columns, CsvCells<T> cells, long importEveryBytes,
            Path spoolDirectory, Duration timeout, @Nullable JobRepository jobRepository) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.table = Objects.requireNonNull(table, "table");
        this.database = Objects.requireNonNull(database, "database");
        this.options = Objects.requireNonNull(options, "options")
            .withHeader(true).withDelimiter(io.github.civis.client.sql.ExportOptions.Delimiter.COMMA).withGzipped(true);
        this.columns = (columns != null) ? List.copyOf(columns) : null;
        this.cells = Objects.requireNonNull(cells, "cells");
        if (importEveryBytes < 0) {
            throw new IllegalArgumentException("importEvery must not be negative, was " + importEveryBytes + " bytes");
        }
        this.importEveryBytes = importEveryBytes;
        this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.jobRepository = jobRepository;
        this.header = this.columns;
        setName(CivisTableItemWriter.class.getSimpleName());
    }

    /** Rows imported into the table by this writer so far, restarts included. */
    public long importedRows() {
        return importedRows;
    }

    /** Import runs that succeeded for this writer so far, restarts included. */
    public int importRuns() {
        return importRuns;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        part = context.getInt(key(PART), 1);
        spool = pathOrNull(context, SPOOL_FILE);
        committedBytes = context.getLong(key(SPOOL_BYTES), 0L);
        spoolRows = context.getLong(key(SPOOL_ROWS), 0L);
        stagedJob = context.containsKey(key(STAGED_JOB)) ? context.getLong(key(STAGED_JOB)) : null;
        stagedRows = context.getLong(key(STAGED_ROWS), 0L);
        stagedFile = pathOrNull(context, STAGED_FILE);
        importedRows = context.getLong(key(IMPORTED_ROWS), 0L);
        importRuns = context.getInt(key(IMPORT_RUNS), 0);
        uncommittedRows = 0;
        Path current = spool;
        if (current != null) {
            long size;
            try {
                size = Files.exists(current) ? Files.size(current) : -1;
            }
            catch (IOException ex) {
                throw new ItemStreamException("Cannot read the spool file " + current, ex);
            }
            if (size < committedBytes) {
                throw new ItemStreamException("The spool file " + current + " of the rows not yet imported into "
                        + table + " is " + ((size < 0) ? "gone" : "shorter than the " + committedBytes
                        + " bytes committed") + "; the step cannot resume without it. Restart where the file is "
                        + "(spoolDirectory), or start a new job instance");
            }
        }
        if (stagedJob != null) {
            // Staged before the restart: it may have run, be running, or not have started.
            completeStaged();
        }
        save(context);
    }

    @Override
    public void write(Chunk<? extends T> chunk) throws Exception {
        if (stagedJob != null) {
            completeStaged();
        }
        if (chunk.isEmpty()) {
            return;
        }
        Path file = spoolFile();
        cutBackToCommitted(file);
        try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.APPEND);
                GZIPOutputStream gzip = new GZIPOutputStream(raw, 64 * 1024);
                Writer out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 64 * 1024)) {
            // Each chunk is a gzip member of its own, so that the file cut back to a chunk boundary
            // is still a whole gzip file (readers read concatenated members as one stream).
            if (committedBytes == 0) {
                CsvLineWriter.writeLine(out, header(chunk.getItems().get(0)));
            }
            for (T item : chunk) {
                List<@Nullable String> row = cells.cells(item);
                List<String> names = header(item);
                if (row.size() != names.size()) {
                    throw new IllegalArgumentException("An item for " + table + " has " + row.size() + " cells but the "
                            + "table has " + names.size() + " columns " + names + ": " + item);
                }
                CsvLineWriter.writeLine(out, row);
            }
        }
        uncommittedRows = chunk.size();
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        Path file = spool;
        if (file != null) {
            try {
                committedBytes = Files.size(file);
            }
            catch (IOException ex) {
                throw new ItemStreamException("Cannot read the spool file " + file, ex);
            }
        }
        spoolRows += uncommittedRows;
        uncommittedRows = 0;
        if (importEveryBytes > 0 && stagedJob == null && spoolRows > 0 && committedBytes >= importEveryBytes) {
            // Staged now, run after this chunk's commit has recorded the staged job (next write).
            stage();
        }
        save(context);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        // Nothing to prepare: the state comes from the execution context in open().
    }

    /**
     * Imports what the step wrote and has not yet imported, once everything has been read and
     * written; a failed import fails the step, with the platform's error in its exit description.
     */
    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
            // The state of the last commit is what a restart continues from.
            return null;
        }
        ExecutionContext context = stepExecution.getExecutionContext();
        try {
            if (stagedJob != null) {
                completeStaged();
            }
            if (spoolRows > 0 || emptyTableWanted()) {
                stage();
                save(context);
                if (jobRepository != null) {
                    // The staged job is on record before it runs: a restart never runs it twice.
                    jobRepository.updateExecutionContext(stepExecution);
                }
                completeStaged();
            }
            save(context);
            return null;
        }
        catch (RuntimeException ex) {
            save(context);
            logger.error("Import into " + table + " failed", ex);
            stepExecution.setStatus(BatchStatus.FAILED);
            stepExecution.addFailureException(ex);
            return ExitStatus.FAILED.addExitDescription(String.valueOf(ex.getMessage()));
        }
    }

    @Override
    public void close() throws ItemStreamException {
        spool = null;
        header = columns;
    }

    /** A step that wrote nothing still empties or makes the table, when its columns are known. */
    private boolean emptyTableWanted() {
        return importRuns == 0 && spool == null && columns != null
                && options.existingTable() != ImportOptions.ExistingTable.APPEND;
    }

    /** Uploads the spool and creates its import job, not run; a new part starts. */
    private void stage() {
        Path file = spoolFile();
        if (committedBytes == 0) {
            writeHeaderOnly(file);
        }
        ImportOptions partOptions = (part == 1) ? options : options.withExistingTable(ImportOptions.ExistingTable.APPEND);
        long jobId = tables.prepareImportCsv(file, table, database, partOptions);
        logger.debug("Staged part " + part + " (" + spoolRows + " rows) of the import into " + table + " as job " + jobId);
        stagedJob = jobId;
        stagedRows = spoolRows;
        stagedFile = file;
        part++;
        spool = null;
        committedBytes = 0;
        spoolRows = 0;
    }

    /** Runs the staged import job unless it has run: a run that succeeded, or one still going, is used. */
    private void completeStaged() {
        long jobId = Objects.requireNonNull(stagedJob);
        CivisRun run = null;
        for (JobRun previous : jobs.listRuns(jobId)) {
            RunState state = RunState.of(previous.state());
            Long runId = previous.id();
            if (runId != null && (state == RunState.SUCCEEDED || !state.isFinal())) {
                run = runs.attach(jobId, runId);
                if (state == RunState.SUCCEEDED) {
                    break;
                }
            }
        }
        if (run == null) {
            run = runs.start(jobId);
        }
        run.await(timeout);
        logger.debug("Import job " + jobId + " into " + table + " succeeded in run " + run.runId());
        importedRows += stagedRows;
        importRuns++;
        Path done = stagedFile;
        stagedJob = null;
        stagedRows = 0;
        stagedFile = null;
        if (done != null) {
            deleteQuietly(done);
        }
    }

    private Path spoolFile() {
        Path file = spool;
        if (file == null) {
            try {
                Files.createDirectories(spoolDirectory);
                file = Files.createTempFile(spoolDirectory, "civis-" + table.replaceAll("[^A-Za-z0-9_]", "_") + "-part"
                        + part + "-", ".csv.gz");
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot make a spool file in " + spoolDirectory, ex);
            }
            spool = file;
            committedBytes = 0;
            spoolRows = 0;
        }
        return file;
    }

    /** Drops what a chunk that was rolled back wrote after the last commit. */
    private void cutBackToCommitted(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() > committedBytes) {
                channel.truncate(committedBytes);
            }
        }
        uncommittedRows = 0;
    }

    private void writeHeaderOnly(Path file) {
        List<String> names = Objects.requireNonNull(columns, "columns");
        try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.APPEND);
                GZIPOutputStream gzip = new GZIPOutputStream(raw);
                Writer out = new OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
            CsvLineWriter.writeLine(out, names);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the spool file " + file, ex);
        }
    }

    private List<String> header(T item) {
        List<String> names = header;
        if (names == null) {
            if (!(item instanceof CsvRow row)) {
                throw new IllegalStateException("Set columns(...) of the writer into " + table
                        + ": the column names are taken from the items only when they are CsvRows");
            }
            names = row.columns();
            header = names;
        }
        return names;
    }

    private void save(ExecutionContext context) {
        context.putInt(key(PART), part);
        putOrRemove(context, SPOOL_FILE, (spool != null) ? spool.toString() : null);
        context.putLong(key(SPOOL_BYTES), committedBytes);
        context.putLong(key(SPOOL_ROWS), spoolRows);
        if (stagedJob != null) {
            context.putLong(key(STAGED_JOB), stagedJob);
        }
        else {
            context.remove(key(STAGED_JOB));
        }
        context.putLong(key(STAGED_ROWS), stagedRows);
        putOrRemove(context, STAGED_FILE, (stagedFile != null) ? stagedFile.toString() : null);
        context.putLong(key(IMPORTED_ROWS), importedRows);
        context.putInt(key(IMPORT_RUNS), importRuns);
    }

    private void putOrRemove(ExecutionContext context, String name, @Nullable String value) {
        if (value != null) {
            context.putString(key(name), value);
        }
        else {
            context.remove(key(name));
        }
    }

    private @Nullable Path pathOrNull(ExecutionContext context, String name) {
        return context.containsKey(key(name)) ? Path.of(context.getString(key(name))) : null;
    }

    private String key(String name) {
        return getExecutionContextKey(name);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ex) {
            logger.debug("Cannot delete the imported spool file " + file, ex);
        }
    }
}
