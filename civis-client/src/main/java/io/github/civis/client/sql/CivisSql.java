package io.github.civis.client.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.CivisRuns;

/**
 * SQL on Civis databases, blocking: a query's preview, an export of its result as CSV files,
 * or its rows streamed as they download. Obtained as {@code client.sql()}. Thread-safe.
 *
 * <pre class="code">
 * try (Stream&lt;CsvRow&gt; rows = civis.sql().stream("SELECT * FROM public.people", "redshift-general")) {
 *     rows.forEach(row -&gt; handle(row.get("name"), row.getLong("id")));
 * }
 * </pre>
 *
 * A query that fails raises {@link CivisRunFailedException} with the platform's error text and
 * the run's last log lines; an unknown database raises
 * {@link io.github.civis.client.lookup.CivisLookupException} naming the closest ones. Queries
 * run with the current user's default database credential.
 *
 * <p>A thin view of {@link ReactiveCivisSql}: each operation waits once, on the calling thread,
 * for the reactive one; streamed rows are read from the download on the calling thread. A thread
 * interrupted while it waits gets a {@link CivisInterruptedException} (flag set again).
 */
public final class CivisSql {

    private final ReactiveCivisSql reactive;

    private CivisSql(ReactiveCivisSql reactive) {
        this.reactive = Objects.requireNonNull(reactive, "reactive");
    }

    /**
     * The blocking view of reactive SQL (same runs, files, lookups and timeout).
     * @param reactive the engine
     * @return the blocking view
     */
    public static CivisSql of(ReactiveCivisSql reactive) {
        return new CivisSql(reactive);
    }

    /** The reactive engine this view waits on. */
    public ReactiveCivisSql reactive() {
        return reactive;
    }

    /**
     * This SQL API with another longest wait for a query or export.
     * @param newTimeout a positive duration
     * @return the changed SQL API
     */
    public CivisSql withTimeout(Duration newTimeout) {
        return new CivisSql(reactive.withTimeout(newTimeout));
    }

    /**
     * This SQL API running and awaiting its work with these runs: their polling, listener and
     * timer then apply to every wait.
     * @param runs the runs
     * @return the changed SQL API
     */
    public CivisSql withRuns(CivisRuns runs) {
        return new CivisSql(reactive.withRuns(runs.reactive()));
    }

    /**
     * This SQL API resolving names with these lookups (another cache, for example).
     * @param lookups the lookups
     * @return the changed SQL API
     */
    public CivisSql withLookups(CivisLookups lookups) {
        return new CivisSql(reactive.withLookups(lookups));
    }

    /** The longest wait for a query or export to end. */
    public Duration timeout() {
        return reactive.timeout();
    }

    /**
     * Runs a query and returns the platform's preview of its result ({@code POST /queries}):
     * at most 100 rows, for a look at a result, not for reading it (use {@link #stream}).
     * The platform's queries take no SQL parameters; for a parameterised statement use
     * {@link #stream(String, String, ExportOptions)} with {@link ExportOptions#withParameter}.
     *
     * @param sql the statement
     * @param database the database's name
     * @return the columns and preview rows
     * @throws CivisRunFailedException when the query fails, with the platform's error text
     * @throws io.github.civis.client.lookup.CivisLookupException when no database has that name
     */
    public QueryResult query(String sql, String database) {
        return block(reactive.query(sql, database), "running a query");
    }

    /**
     * Runs a SQL script whose result is written as CSV files, and waits for it; see
     * {@link ReactiveCivisSql#export(String, String, ExportOptions)}.
     *
     * @param sql the statement
     * @param database the database's name
     * @param options header, delimiter, compression, file name prefix, SQL parameters
     * @return the script, run and result files
     * @throws CivisRunFailedException when the script fails: the platform's error and log tail
     * @throws io.github.civis.client.lookup.CivisLookupException when no database has that name
     */
    public SqlExport export(String sql, String database, ExportOptions options) {
        return block(reactive.export(sql, database, options), "exporting a query's result");
    }

    /**
     * The rows of a query's result, read as the result file downloads and decompressed on the
     * fly, so memory stays flat whatever the row count. The stream holds a connection open:
     * <strong>close it</strong>, in try-with-resources.
     *
     * @param sql the statement
     * @param database the database's name
     * @return the rows, cells by column name
     * @throws CivisRunFailedException when the query fails
     */
    public Stream<CsvRow> stream(String sql, String database) {
        return stream(export(sql, database, ExportOptions.defaults()));
    }

    /**
     * The rows of a query's result exported with these options (SQL parameters, for example),
     * read as the result downloads. Close the stream.
     *
     * @param sql the statement
     * @param database the database's name
     * @param options how the result is written; a header row is needed for access by column name
     * @return the rows
     * @throws CivisRunFailedException when the query fails
     */
    public Stream<CsvRow> stream(String sql, String database, ExportOptions options) {
        return stream(export(sql, database, options));
    }

    /**
     * The rows of an export's files, in order, read as they download. Close the stream.
     *
     * @param export an export's result
     * @return the rows
     */
    public Stream<CsvRow> stream(SqlExport export) {
        return reactive.rows(export);
    }

    /**
     * Writes a query's result to a local CSV file, decompressed: to a temporary file beside
     * the target, moved into place only when complete.
     *
     * @param sql the statement
     * @param database the database's name
     * @param target where the CSV goes (replaced)
     * @return the export it came from
     * @throws CivisRunFailedException when the query fails
     * @throws UncheckedIOException when the file cannot be written
     */
    public SqlExport exportTo(String sql, String database, Path target) {
        SqlExport export = export(sql, database, ExportOptions.defaults());
        Path absolute = target.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".part");
            try (var out = Files.newOutputStream(temporary)) {
                for (long id : export.fileIds()) {
                    try (InputStream raw = reactive.open(id); InputStream in = CsvRows.decompressed(raw)) {
                        in.transferTo(out);
                    }
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return export;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the result to " + target, ex);
        }
        finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                }
                catch (IOException ignored) {
                    // A leftover temporary file is not worth hiding the real outcome.
                }
            }
        }
    }

    /** The one wait of each operation, on the calling thread. */
    private static <T> T block(Mono<T> work, String doing) {
        T value = BlockingWait.block(work, ex -> new CivisInterruptedException("Interrupted while " + doing
                + "; the query may go on", ex));
        if (value == null) {
            throw new IllegalStateException("No result while " + doing);
        }
        return value;
    }
}
