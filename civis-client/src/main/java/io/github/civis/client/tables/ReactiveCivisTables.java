package io.github.civis.client.tables;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.civis.client.api.ReactiveImportsApi;
import io.github.civis.client.api.ReactiveTablesApi;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.model.DatabaseTable;
import io.github.civis.client.model.ProjectReference;
import io.github.civis.client.model.Table;
import io.github.civis.client.model.TableColumn;
import io.github.civis.client.model.TableEnhancementCassNcoa;
import io.github.civis.client.model.TableEnhancementGeocoding;
import io.github.civis.client.model.TablePatchResponse;
import io.github.civis.client.model.TableScan;
import io.github.civis.client.model.TableTagPutResponse;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.request.TablesListColumnsRequest;
import io.github.civis.client.request.TablesListProjectsRequest;
import io.github.civis.client.request.TablesListRequest;
import io.github.civis.client.request.TablesPatchRequest;
import io.github.civis.client.request.TablesPostEnhancementsCassNcoaRequest;
import io.github.civis.client.request.TablesPostScanRequest;
import io.github.civis.client.runs.CivisRunTimeoutException;
import io.github.civis.client.runs.ReactiveCivisRun;
import io.github.civis.client.runs.ReactiveCivisRuns;

/**
 * Civis tables, reactive: every operation of the {@code tables} API group plus the workflows of
 * {@link CivisTables} (CSV imports that end as a table, refreshes) as lazy publishers. Obtained as
 * {@code client.reactiveTables()}. Thread-safe.
 *
 * <pre class="code">
 * Mono&lt;ReactiveCivisRun&gt; imported = civis.reactiveTables().importCsv(Path.of("people.csv"), "public.people",
 *         "redshift-general", ImportOptions.defaults().withExistingTable(ImportOptions.ExistingTable.DROP));
 * </pre>
 *
 * Nothing happens until subscription, and every failure arrives as an error signal, bad
 * arguments included. The upload, the import job and the wait for its run block no thread (the
 * wait polls on the client's run timer). The name-to-id lookups ({@link CivisLookups}) are
 * blocking calls, answered from their cache most of the time: they run on Reactor's
 * bounded-elastic scheduler, never on the subscriber's thread.
 */
public final class ReactiveCivisTables implements ReactiveTablesApi {

    private final ReactiveTablesApi api;
    private final ReactiveImportsApi imports;
    private final ReactiveCivisFileTransfers files;
    private final ReactiveCivisRuns runs;
    private final CivisLookups lookups;
    private final Duration timeout;

    /**
     * @param api the reactive tables API group
     * @param imports the reactive imports API
     * @param files files, for uploading the source
     * @param runs runs, for awaiting the import
     * @param lookups lookups, for database names and the default credential
     * @param timeout the longest wait for an import or a refresh to end
     * @throws IllegalArgumentException when {@code timeout} is not positive
     */
    public ReactiveCivisTables(ReactiveTablesApi api, ReactiveImportsApi imports, ReactiveCivisFileTransfers files,
            ReactiveCivisRuns runs, CivisLookups lookups, Duration timeout) {
        this.api = api;
        this.imports = imports;
        this.files = files;
        this.runs = runs;
        this.lookups = lookups;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** These tables with another longest wait for an import or a refresh. */
    public ReactiveCivisTables withTimeout(Duration newTimeout) {
        return new ReactiveCivisTables(api, imports, files, runs, lookups, newTimeout);
    }

    /** The longest wait for an import or a refresh to end. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Imports a local CSV file into a table; see
     * {@link CivisTables#importCsv(Path, String, String, ImportOptions)}.
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
     * Imports CSV bytes read from a stream (not closed) into a table; see
     * {@link CivisTables#importCsv(InputStream, String, String, ImportOptions)}. The stream is read
     * on a bounded-elastic thread, as {@link ReactiveCivisFileTransfers#upload(InputStream, String, UploadOptions)}
     * reads it.
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
     * Copies a table into another table, across databases; see
     * {@link CivisTables#transfer(String, String, String, String, ImportOptions.ExistingTable)}.
     *
     * @param sourceTable {@code schema.table} copied
     * @param sourceDatabase the source database's name
     * @param destinationTable {@code schema.table} written
     * @param destinationDatabase the destination database's name
     * @param existingTable what to do when the destination table exists
     * @return the import job's run, emitted once it ended successfully; else an error:
     *         {@link IllegalArgumentException} for a table name that is not {@code schema.table},
     *         {@link io.github.civis.client.lookup.CivisLookupException} for an unknown database,
     *         {@link io.github.civis.client.runs.CivisRunFailedException} when the copy fails,
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
     * blocking a thread, until the platform reports them current; see {@link CivisTables#refresh(long)}
     * for what waiting means for a refresh (the runs' polling schedule, this object's timeout).
     *
     * @param tableId the table
     * @return the table once refreshed; else an error: {@link CivisRunTimeoutException} when the
     *         refresh does not end in time
     */
    public Mono<Table> refresh(long tableId) {
        return Mono.defer(() -> {
            Instant deadline = Instant.now().plus(timeout);
            return api.postRefresh(tableId).flatMap(table -> untilRefreshed(tableId, table, 0, deadline));
        });
    }

    private Mono<Table> untilRefreshed(long tableId, Table table, int poll, Instant deadline) {
        if (!"refreshing".equals(table.refreshStatus())) {
            return Mono.just(table);
        }
        if (Instant.now().isAfter(deadline)) {
            long runId = (table.lastRun() != null) ? table.lastRun().id() : 0;
            return Mono.error(new CivisRunTimeoutException(tableId, runId, timeout));
        }
        Duration delay = runs.polling().delay(poll, ThreadLocalRandom.current().nextDouble());
        return Mono.delay(delay)
            .then(Mono.defer(() -> api.get(tableId)))
            .flatMap(next -> untilRefreshed(tableId, next, poll + 1, deadline));
    }

    /** The destination, resolved through the (blocking, mostly cached) lookups off the caller's thread. */
    private Mono<CsvImportJob> resolve(String table, String database, ImportOptions options) {
        return Mono.fromCallable(() -> CsvImportJob.resolve(table, database, options, lookups))
            .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<ReactiveCivisRun> run(long fileId, CsvImportJob job, ImportOptions options) {
        return imports.postFilesCsv(job.request(fileId, options))
            .flatMap(posted -> runs.start(posted.id()))
            .flatMap(run -> run.await(timeout).thenReturn(run));
    }

    // ---- the tables API group, unchanged

    @Override
    public Mono<CivisList<DatabaseTable>> list(TablesListRequest request) {
        return api.list(request);
    }

    @Override
    public Flux<DatabaseTable> listAll(TablesListRequest request) {
        return api.listAll(request);
    }

    @Override
    public Mono<TableScan> postScan(TablesPostScanRequest request) {
        return api.postScan(request);
    }

    @Override
    public Mono<Table> get(long id) {
        return api.get(id);
    }

    @Override
    public Mono<TablePatchResponse> patch(long id, TablesPatchRequest request) {
        return api.patch(id, request);
    }

    @Override
    public Mono<CivisList<TableColumn>> listColumns(long id, TablesListColumnsRequest request) {
        return api.listColumns(id, request);
    }

    @Override
    public Flux<TableColumn> listAllColumns(long id, TablesListColumnsRequest request) {
        return api.listAllColumns(id, request);
    }

    @Override
    public Mono<CivisList<ProjectReference>> listProjects(long id, TablesListProjectsRequest request) {
        return api.listProjects(id, request);
    }

    @Override
    public Mono<Void> putProjects(long id, long projectId) {
        return api.putProjects(id, projectId);
    }

    @Override
    public Mono<Void> deleteProjects(long id, long projectId) {
        return api.deleteProjects(id, projectId);
    }

    @Override
    public Mono<Table> postRefresh(long id) {
        return api.postRefresh(id);
    }

    @Override
    public Mono<TableTagPutResponse> putTags(long id, long tableTagId) {
        return api.putTags(id, tableTagId);
    }

    @Override
    public Mono<Void> deleteTags(long id, long tableTagId) {
        return api.deleteTags(id, tableTagId);
    }

    @Override
    public Mono<TableEnhancementCassNcoa> postEnhancementsCassNcoa(long sourceTableId,
            TablesPostEnhancementsCassNcoaRequest request) {
        return api.postEnhancementsCassNcoa(sourceTableId, request);
    }

    @Override
    public Mono<TableEnhancementCassNcoa> getEnhancementsCassNcoa(long id, long sourceTableId) {
        return api.getEnhancementsCassNcoa(id, sourceTableId);
    }

    @Override
    public Mono<TableEnhancementGeocoding> postEnhancementsGeocodings(long sourceTableId) {
        return api.postEnhancementsGeocodings(sourceTableId);
    }

    @Override
    public Mono<TableEnhancementGeocoding> getEnhancementsGeocodings(long id, long sourceTableId) {
        return api.getEnhancementsGeocodings(id, sourceTableId);
    }
}
