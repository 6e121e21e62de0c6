package io.github.civis.client.tables;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import reactor.core.publisher.Mono;

import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.model.Table;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunTimeoutException;
import io.github.civis.client.runs.CivisRuns;

/**
 * Table transfers, blocking: CSV imports that end as a table, table-to-table copies and
 * refreshes, each awaited. Obtained as {@code client.tableTransfers()}; the {@code tables} API
 * group itself is {@code client.tables()}. A thin view of {@link ReactiveCivisTableTransfers}:
 * each operation waits once, on the calling thread, for the reactive one. Thread-safe.
 *
 * <pre class="code">
 * CivisRun run = civis.tableTransfers().importCsv(Path.of("people.csv"), "public.people", "redshift-general",
 *         ImportOptions.defaults().withExistingTable(ImportOptions.ExistingTable.DROP));
 * </pre>
 *
 * A failed import raises {@link io.github.civis.client.runs.CivisRunFailedException} carrying
 * the import's job and run ids, the platform's error and the last log lines; the table is then
 * as it was. A thread interrupted while it waits gets a {@link CivisInterruptedException} (flag
 * set again); the platform's job goes on.
 */
public final class CivisTableTransfers {

    private final ReactiveCivisTableTransfers reactive;

    private CivisTableTransfers(ReactiveCivisTableTransfers reactive) {
        this.reactive = Objects.requireNonNull(reactive, "reactive");
    }

    /**
     * The blocking view of reactive table transfers (same runs, files, lookups and timeout).
     * @param reactive the engine
     * @return the blocking view
     */
    public static CivisTableTransfers of(ReactiveCivisTableTransfers reactive) {
        return new CivisTableTransfers(reactive);
    }

    /** The reactive engine this view waits on. */
    public ReactiveCivisTableTransfers reactive() {
        return reactive;
    }

    /**
     * These transfers with another longest wait for an import, copy or refresh.
     * @param newTimeout a positive duration
     * @return the changed transfers
     */
    public CivisTableTransfers withTimeout(Duration newTimeout) {
        return new CivisTableTransfers(reactive.withTimeout(newTimeout));
    }

    /**
     * These transfers starting and awaiting their jobs with these runs: their polling, listener
     * and timer then apply to every wait.
     * @param runs the runs
     * @return the changed transfers
     */
    public CivisTableTransfers withRuns(CivisRuns runs) {
        return new CivisTableTransfers(reactive.withRuns(runs.reactive()));
    }

    /**
     * These transfers resolving names with these lookups (another cache, for example).
     * @param lookups the lookups
     * @return the changed transfers
     */
    public CivisTableTransfers withLookups(CivisLookups lookups) {
        return new CivisTableTransfers(reactive.withLookups(lookups));
    }

    /** The longest wait for an import, copy or refresh to end. */
    public Duration timeout() {
        return reactive.timeout();
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
        return CivisRun.of(block(reactive.importCsv(source, table, database, options), "importing " + source
                + " into " + table));
    }

    /**
     * Uploads a local CSV file and creates the import job that loads it into a table, without
     * running it; see {@link ReactiveCivisTableTransfers#prepareImportCsv}. Run it with
     * {@code client.runs().start(jobId)}.
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
        return block(reactive.prepareImportCsv(source, table, database, options), "preparing the import of "
                + source + " into " + table);
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
        return CivisRun.of(block(reactive.importCsv(source, table, database, options), "importing into " + table));
    }

    /**
     * Copies a table into another table, in the same database or another one, and waits for the
     * copy to end; see {@link ReactiveCivisTableTransfers#transfer}.
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
        return CivisRun.of(block(reactive.transfer(sourceTable, sourceDatabase, destinationTable, destinationDatabase,
                existingTable), "copying " + sourceTable + " to " + destinationTable));
    }

    /**
     * Refreshes a table's statistics ({@code POST /tables/{id}/refresh}) and waits until the
     * platform reports them current; see {@link ReactiveCivisTableTransfers#refresh(long)} for
     * what waiting means for a refresh.
     *
     * @param tableId the table
     * @return the table once refreshed
     * @throws CivisRunTimeoutException when the refresh does not end in time
     */
    public Table refresh(long tableId) {
        return block(reactive.refresh(tableId), "refreshing table " + tableId);
    }

    /** The one wait of each operation, on the calling thread. */
    private static <T> T block(Mono<T> work, String doing) {
        T value = BlockingWait.block(work, ex -> new CivisInterruptedException("Interrupted while " + doing
                + "; the platform's job may go on", ex));
        if (value == null) {
            throw new IllegalStateException("No result while " + doing);
        }
        return value;
    }
}
