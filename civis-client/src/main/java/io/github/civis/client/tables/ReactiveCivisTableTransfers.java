package io.github.civis.client.tables;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.civis.client.api.ReactiveImportsApi;
import io.github.civis.client.api.ReactiveTablesApi;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.model.Table;
import io.github.civis.client.runs.CivisRunTimeoutException;
import io.github.civis.client.runs.ReactiveCivisRun;
import io.github.civis.client.runs.ReactiveCivisRuns;
import io.github.civis.client.runs.RunState;

/**
 * Table transfers, reactive: CSV imports that end as a table, table-to-table copies and
 * refreshes, each awaited, as lazy publishers. Obtained as {@code client.reactiveTableTransfers()};
 * the {@code tables} API group itself is {@code client.reactiveTables()}. This is the engine of
 * the table workflows: {@link CivisTableTransfers} is its blocking view. Every wait goes through
 * the runs' waiter ({@link io.github.civis.client.runs.RunWaiter}): their polling, listener and
 * timer. Thread-safe.
 *
 * <pre class="code">
 * Mono&lt;ReactiveCivisRun&gt; imported = civis.reactiveTableTransfers().importCsv(Path.of("people.csv"),
 *         "public.people", "redshift-general", ImportOptions.defaults());
 * </pre>
 */
public final class ReactiveCivisTableTransfers {

    private final ReactiveTablesApi tables;
    private final ReactiveImportsApi imports;
    private final ReactiveCivisFileTransfers files;
    private final ReactiveCivisRuns runs;
    private final CivisLookups lookups;
    private final Duration timeout;

    private ReactiveCivisTableTransfers(ReactiveTablesApi tables, ReactiveImportsApi imports, ReactiveCivisFileTransfers files,
            ReactiveCivisRuns runs, CivisLookups lookups, Duration timeout) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.imports = Objects.requireNonNull(imports, "imports");
        this.files = Objects.requireNonNull(files, "files");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration, was " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Table transfers over a client's parts; {@code CivisClient.reactiveTableTransfers()} calls
     * this. Prefer that method: it shares the client's runs, files and lookups.
     * @param tables the tables API group
     * @param imports the imports API group
     * @param files file transfers, for uploading sources
     * @param runs runs, for starting imports and for the waiter every wait goes through
     * @param lookups lookups, for database names and the default credential
     * @param timeout the longest wait for an import, copy or refresh to end
     * @return the table transfers
     */
    public static ReactiveCivisTableTransfers of(ReactiveTablesApi tables, ReactiveImportsApi imports,
            ReactiveCivisFileTransfers files, ReactiveCivisRuns runs, CivisLookups lookups, Duration timeout) {
        return new ReactiveCivisTableTransfers(tables, imports, files, runs, lookups, timeout);
    }

    /**
     * These transfers with another longest wait for an import, copy or refresh.
     * @param newTimeout a positive duration
     * @return the changed transfers
     */
    public ReactiveCivisTableTransfers withTimeout(Duration newTimeout) {
        return new ReactiveCivisTableTransfers(tables, imports, files, runs, lookups, newTimeout);
    }

    /**
     * These transfers starting and awaiting their jobs with these runs: their polling, listener
     * and timer then apply to every wait (imports, copies and refreshes).
     * @param newRuns the runs
     * @return the changed transfers
     */
    public ReactiveCivisTableTransfers withRuns(ReactiveCivisRuns newRuns) {
        return new ReactiveCivisTableTransfers(tables, imports, files, newRuns, lookups, timeout);
    }

    /**
     * These transfers resolving names with these lookups (another cache, for example).
     * @param newLookups the lookups
     * @return the changed transfers
     */
    public ReactiveCivisTableTransfers withLookups(CivisLookups newLookups) {
        return new ReactiveCivisTableTransfers(tables, imports, files, runs, newLookups, timeout);
    }

    /** The longest wait for an import, copy or refresh to end. */
    public Duration timeout() {
        return timeout;
    }

    /** The runs these transfers start and await their jobs with. */
    public ReactiveCivisRuns runs() {
        return runs;
    }

    /**
     * Imports a local CSV file into a table and waits, without blocking a thread, for the import
     * to end.
     *
     * @param source the CSV file
     * @param table {@code schema.table}
     * @param database the database's name
     * @param options existing-table handling, header, delimiter, columns
     * @return the import's run, emitted once it ended successfully; else an error:
     *         {@link IllegalArgumentException} when the table name is not {@code schema.table},
     *         {@link io.github.civis.client.lookup.CivisLookupException} when no database has that
     *         name, {@link io.github.civis.client.runs.CivisRunFailedException} when the import
     *         fails (the platform's error and log tail; the table is then as it was),
     *         {@link CivisRunTimeoutException} when it does not end in time
     */
    public Mono<ReactiveCivisRun> importCsv(Path source, String table, String database, ImportOptions options) {
        return resolve(table, database, options).flatMap(job -> files
            .upload(source, String.valueOf(source.getFileName()), UploadOptions.defaults())
            .flatMap(fileId -> run(fileId, job, options)));
    }

    /**
     * Imports CSV bytes read from a stream (not closed) into a table and waits for the import.
     * The stream is read on a bounded-elastic thread, as
     * {@link ReactiveCivisFileTransfers#upload(InputStream, String, UploadOptions)} reads it.
     *
     * @param source the CSV
     * @param table {@code schema.table}
     * @param database the database's name
     * @param options existing-table handling, header, delimiter, columns
     * @return the import's run, emitted once it ended successfully; else an error as for
     *         {@link #importCsv(Path, String, String, ImportOptions)}
     */
    public Mono<ReactiveCivisRun> importCsv(InputStream source, String table, String database, ImportOptions options) {
        return resolve(table, database, options).flatMap(job -> files
            .upload(source, job.sourceFileName(), UploadOptions.defaults())
            .flatMap(fileId -> run(fileId, job, options)));
    }

    /**
     * Uploads a local CSV file and creates the import job that loads it into a table, without
     * running it: the job's id can be kept (in a step's execution context, for example) before
     * the run that changes the table starts, so that a process that restarts can tell whether
     * the import ran and never runs it twice. Run it with {@code client.runs().start(jobId)};
     * a failed run can be started again, reading the same uploaded file.
     *
     * @param source the CSV file
     * @param table {@code schema.table}
     * @param database the database's name
     * @param options existing-table handling, header, delimiter, compression, columns
     * @return the import job's id; else an error as for {@link #importCsv(Path, String, String, ImportOptions)}
     */
    public Mono<Long> prepareImportCsv(Path source, String table, String database, ImportOptions options) {
        return resolve(table, database, options).flatMap(job -> files
            .upload(source, String.valueOf(source.getFileName()), UploadOptions.defaults())
            .flatMap(fileId -> imports.postFilesCsv(job.request(fileId, options)))
            .map(posted -> posted.id()));
    }

    /**
     * Copies a table into another table, in the same database or another one, and waits for the
     * copy to end: a {@code Dbsync} import job ({@code POST /imports}) between the two databases
     * with one sync from the source to the destination ({@code POST /imports/{id}/syncs}), run
     * and awaited like {@link #importCsv(Path, String, String, ImportOptions) importCsv}. Both
     * sides use the current user's default database credential.
     *
     * @param sourceTable {@code schema.table} copied
     * @param sourceDatabase the source database's name
     * @param destinationTable {@code schema.table} written
     * @param destinationDatabase the destination database's name
     * @param existingTable what to do when the destination table exists
     * @return the import job's run, emitted once it ended successfully; else an error:
     *         {@link IllegalArgumentException} for a table name that is not {@code schema.table},
     *         {@link io.github.civis.client.lookup.CivisLookupException} for an unknown database,
     *         {@link io.github.civis.client.runs.CivisRunFailedException} when the copy fails
     *         (the platform's error and the log tail; the destination is then as it was),
     *         {@link CivisRunTimeoutException} when it does not end in time
     */
    public Mono<ReactiveCivisRun> transfer(String sourceTable, String sourceDatabase, String destinationTable,
            String destinationDatabase, ImportOptions.ExistingTable existingTable) {
        return Mono.fromCallable(() -> TableTransferJob.resolve(sourceTable, sourceDatabase, destinationTable,
                destinationDatabase, existingTable, lookups))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(job -> imports.post(job.importRequest())
                .flatMap(posted -> imports.postSyncs(posted.id(), job.syncRequest()).thenReturn(posted.id())))
            .flatMap(runs::start)
            .flatMap(run -> run.await(timeout).thenReturn(run));
    }

    /**
     * Refreshes a table's statistics ({@code POST /tables/{id}/refresh}) and waits, without
     * blocking a thread, until the platform reports them current.
     *
     * <p>The platform answers a refresh with the table, its {@code refreshStatus} and the
     * refresh's {@code lastRun}, not with a job run of its own to attach to; waiting for it is
     * therefore polling {@code GET /tables/{id}} until {@code refreshStatus} is no longer
     * {@code refreshing}. That wait is run as any run's: through the runs' waiter (their polling
     * schedule, listener and timer), bounded by this object's timeout; the listener sees it with
     * the table's id as the job and the refresh's last run as the run.
     *
     * @param tableId the table
     * @return the table once refreshed; else an error: {@link CivisRunTimeoutException} naming
     *         the table (as the job) and the refresh's last run when it does not end in time
     */
    public Mono<Table> refresh(long tableId) {
        return Mono.defer(() -> tables.postRefresh(tableId))
            .flatMap(posted -> runs.waiter().await(tableId, lastRunId(posted), posted, () -> tables.get(tableId),
                    ReactiveCivisTableTransfers::refreshState, timeout, Mono::just));
    }

    /** A refresh as a run: running while {@code refreshing}, ended once the platform reports anything else. */
    private static RunState refreshState(Table table) {
        return "refreshing".equals(table.refreshStatus()) ? RunState.RUNNING : RunState.SUCCEEDED;
    }

    private static long lastRunId(Table table) {
        return (table.lastRun() != null) ? table.lastRun().id() : 0;
    }

    /**
     * The destination, resolved through the lookups off the caller's thread: their cache may be
     * a blocking store (a Spring cache, Redis), and a miss asks the API.
     */
    private Mono<CsvImportJob> resolve(String table, String database, ImportOptions options) {
        return Mono.fromCallable(() -> CsvImportJob.resolve(table, database, options, lookups))
            .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<ReactiveCivisRun> run(long fileId, CsvImportJob job, ImportOptions options) {
        return imports.postFilesCsv(job.request(fileId, options))
            .flatMap(posted -> runs.start(posted.id()))
            .flatMap(run -> run.await(timeout).thenReturn(run));
    }
}
