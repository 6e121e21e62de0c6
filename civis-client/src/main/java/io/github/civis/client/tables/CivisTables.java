package io.github.civis.client.tables;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.github.civis.client.api.ImportsApi;
import io.github.civis.client.api.TablesApi;
import io.github.civis.client.files.CivisFileTransfers;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.model.ImportFileCsv;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunTimeoutException;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.model.DatabaseTable;
import io.github.civis.client.model.ProjectReference;
import io.github.civis.client.model.Table;
import io.github.civis.client.model.TableColumn;
import io.github.civis.client.model.TableEnhancementCassNcoa;
import io.github.civis.client.model.TableEnhancementGeocoding;
import io.github.civis.client.model.TablePatchResponse;
import io.github.civis.client.model.TableScan;
import io.github.civis.client.model.TableTagPutResponse;
import io.github.civis.client.request.TablesListColumnsRequest;
import io.github.civis.client.request.TablesListProjectsRequest;
import io.github.civis.client.request.TablesListRequest;
import io.github.civis.client.request.TablesPatchRequest;
import io.github.civis.client.request.TablesPostEnhancementsCassNcoaRequest;
import io.github.civis.client.request.TablesPostScanRequest;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Civis tables, blocking: every operation of the {@code tables} API group plus CSV imports
 * that end as a table, awaited. Obtained as {@code client.tables()}. Thread-safe.
 *
 * <pre class="code">
 * CivisRun run = civis.tables().importCsv(Path.of("people.csv"), "public.people", "redshift-general",
 *         ImportOptions.defaults().withExistingTable(ImportOptions.ExistingTable.DROP));
 * </pre>
 *
 * A failed import raises {@link io.github.civis.client.runs.CivisRunFailedException} carrying
 * the import's job and run ids, the platform's error and the last log lines; the table is then
 * as it was.
 */
public final class CivisTables implements TablesApi {

    private final TablesApi api;
    private final ImportsApi imports;
    private final CivisFileTransfers files;
    private final CivisRuns runs;
    private final CivisLookups lookups;
    private final Duration timeout;

    /**
     * @param api the tables API group
     * @param imports the imports API
     * @param files files, for uploading the source
     * @param runs runs, for awaiting the import
     * @param lookups lookups, for database names and the default credential
     * @param timeout the longest wait for an import to end
     */
    public CivisTables(TablesApi api, ImportsApi imports, CivisFileTransfers files, CivisRuns runs, CivisLookups lookups,
            Duration timeout) {
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

    /** These tables with another longest wait for an import. */
    public CivisTables withTimeout(Duration newTimeout) {
        return new CivisTables(api, imports, files, runs, lookups, newTimeout);
    }

    /**
     * Imports a local CSV file into a table and waits for the import to end.
     *
     * @param source the CSV file
     * @param table {@code schema.table}
     * @param database the database's name
     * @param options existing-table handling, header, delimiter, columns
     * @return the import's run, ended successfully
     * @throws IllegalArgumentException when the table name is not {@code schema.table}
     * @throws io.github.civis.client.runs.CivisRunFailedException when the import fails
     * @throws io.github.civis.client.lookup.CivisLookupException when no database has that name
     */
    public CivisRun importCsv(Path source, String table, String database, ImportOptions options) {
        CsvImportJob job = CsvImportJob.resolve(table, database, options, lookups);
        long fileId = files.upload(source, String.valueOf(source.getFileName()), UploadOptions.defaults());
        return run(fileId, job, options);
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
     * @return the import job's id
     * @throws IllegalArgumentException when the table name is not {@code schema.table}
     * @throws io.github.civis.client.lookup.CivisLookupException when no database has that name
     */
    public long prepareImportCsv(Path source, String table, String database, ImportOptions options) {
        CsvImportJob job = CsvImportJob.resolve(table, database, options, lookups);
        long fileId = files.upload(source, String.valueOf(source.getFileName()), UploadOptions.defaults());
        return imports.postFilesCsv(job.request(fileId, options)).id();
    }

    /**
     * Imports CSV bytes read from a stream (not closed) into a table and waits for the import.
     *
     * @param source the CSV
     * @param table {@code schema.table}
     * @param database the database's name
     * @param options existing-table handling, header, delimiter, columns
     * @return the import's run, ended successfully
     * @throws io.github.civis.client.runs.CivisRunFailedException when the import fails
     */
    public CivisRun importCsv(InputStream source, String table, String database, ImportOptions options) {
        CsvImportJob job = CsvImportJob.resolve(table, database, options, lookups);
        long fileId = files.upload(source, job.sourceFileName(), UploadOptions.defaults());
        return run(fileId, job, options);
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
     * @return the import job's run, ended successfully
     * @throws IllegalArgumentException when a table name is not {@code schema.table}
     * @throws io.github.civis.client.lookup.CivisLookupException when no database has one of the names
     * @throws io.github.civis.client.runs.CivisRunFailedException when the copy fails (an unknown
     *         source table, for example): the platform's error and the log tail; the destination
     *         is then as it was
     */
    public CivisRun transfer(String sourceTable, String sourceDatabase, String destinationTable, String destinationDatabase,
            ImportOptions.ExistingTable existingTable) {
        TableTransferJob job = TableTransferJob.resolve(sourceTable, sourceDatabase, destinationTable, destinationDatabase,
                existingTable, lookups);
        long jobId = imports.post(job.importRequest()).id();
        imports.postSyncs(jobId, job.syncRequest());
        CivisRun run = runs.start(jobId);
        run.await(timeout);
        return run;
    }

    /**
     * Refreshes a table's statistics ({@code POST /tables/{id}/refresh}) and waits until the
     * platform reports them current.
     *
     * <p>The platform answers a refresh with the table, its {@code refreshStatus} and the
     * refresh's {@code lastRun}, not with a job run of its own to attach to; waiting for it is
     * therefore polling {@code GET /tables/{id}} until {@code refreshStatus} is no longer
     * {@code refreshing}. That wait is run as any run's: on the runs' polling schedule
     * ({@link io.github.civis.client.runs.RunPolling}, the same backoff and jitter), bounded by
     * this object's timeout, and a refresh that does not end in time raises
     * {@link CivisRunTimeoutException} naming the table (as the job) and the refresh's last run.
     *
     * @param tableId the table
     * @return the table once refreshed
     * @throws CivisRunTimeoutException when the refresh does not end in time
     */
    public io.github.civis.client.model.Table refresh(long tableId) {
        io.github.civis.client.model.Table table = api.postRefresh(tableId);
        Instant deadline = Instant.now().plus(timeout);
        int poll = 0;
        while ("refreshing".equals(table.refreshStatus())) {
            long runId = (table.lastRun() != null) ? table.lastRun().id() : 0;
            if (Instant.now().isAfter(deadline)) {
                throw new CivisRunTimeoutException(tableId, runId, timeout);
            }
            try {
                Thread.sleep(runs.polling().delay(poll++, java.util.concurrent.ThreadLocalRandom.current().nextDouble())
                    .toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new io.github.civis.client.runs.CivisRunInterruptedException(tableId, runId, ex);
            }
            table = api.get(tableId);
        }
        return table;
    }

    private CivisRun run(long fileId, CsvImportJob job, ImportOptions options) {
        ImportFileCsv posted = imports.postFilesCsv(job.request(fileId, options));
        CivisRun run = runs.start(posted.id());
        run.await(timeout);
        return run;
    }

    // ---- the tables API group, unchanged

    @Override
    public CivisList<DatabaseTable> list(TablesListRequest request) {
        return api.list(request);
    }

    @Override
    public Stream<DatabaseTable> listAll(TablesListRequest request) {
        return api.listAll(request);
    }

    @Override
    public TableScan postScan(TablesPostScanRequest request) {
        return api.postScan(request);
    }

    @Override
    public Table get(long id) {
        return api.get(id);
    }

    @Override
    public TablePatchResponse patch(long id, TablesPatchRequest request) {
        return api.patch(id, request);
    }

    @Override
    public CivisList<TableColumn> listColumns(long id, TablesListColumnsRequest request) {
        return api.listColumns(id, request);
    }

    @Override
    public Stream<TableColumn> listAllColumns(long id, TablesListColumnsRequest request) {
        return api.listAllColumns(id, request);
    }

    @Override
    public CivisList<ProjectReference> listProjects(long id, TablesListProjectsRequest request) {
        return api.listProjects(id, request);
    }

    @Override
    public void putProjects(long id, long projectId) {
        api.putProjects(id, projectId);
    }

    @Override
    public void deleteProjects(long id, long projectId) {
        api.deleteProjects(id, projectId);
    }

    @Override
    public Table postRefresh(long id) {
        return api.postRefresh(id);
    }

    @Override
    public TableTagPutResponse putTags(long id, long tableTagId) {
        return api.putTags(id, tableTagId);
    }

    @Override
    public void deleteTags(long id, long tableTagId) {
        api.deleteTags(id, tableTagId);
    }

    @Override
    public TableEnhancementCassNcoa postEnhancementsCassNcoa(long sourceTableId, TablesPostEnhancementsCassNcoaRequest request) {
        return api.postEnhancementsCassNcoa(sourceTableId, request);
    }

    @Override
    public TableEnhancementCassNcoa getEnhancementsCassNcoa(long id, long sourceTableId) {
        return api.getEnhancementsCassNcoa(id, sourceTableId);
    }

    @Override
    public TableEnhancementGeocoding postEnhancementsGeocodings(long sourceTableId) {
        return api.postEnhancementsGeocodings(sourceTableId);
    }

    @Override
    public TableEnhancementGeocoding getEnhancementsGeocodings(long id, long sourceTableId) {
        return api.getEnhancementsGeocodings(id, sourceTableId);
    }
}
