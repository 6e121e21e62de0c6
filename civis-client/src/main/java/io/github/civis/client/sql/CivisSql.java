package io.github.civis.client.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferUtils;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.civis.client.api.QueriesApi;
import io.github.civis.client.api.ScriptsApi;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.model.QueryPostResponse;
import io.github.civis.client.model.Query;
import io.github.civis.client.model.ScriptSql;
import io.github.civis.client.model.ScriptSqlRun;
import io.github.civis.client.model.ScriptSqlRunOutputFile;
import io.github.civis.client.request.ScriptParamInput;
import io.github.civis.client.request.ScriptsPostSqlCsvSettings;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.CivisRunTimeoutException;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.RunPolling;
import io.github.civis.client.runs.RunState;

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
 */
public final class CivisSql {

    private static final int MAX_PREVIEW_ROWS = 100;

    private final ScriptsApi scripts;
    private final QueriesApi queries;
    private final CivisRuns runs;
    private final ReactiveCivisFileTransfers files;
    private final CivisLookups lookups;
    private final Duration timeout;

    /**
     * @param scripts the scripts API (SQL scripts)
     * @param queries the queries API
     * @param runs runs, for awaiting SQL script runs
     * @param files files, for streamed downloads of results
     * @param lookups lookups, for database names and the default credential
     * @param timeout the longest wait for a query or export to end
     */
    public CivisSql(ScriptsApi scripts, QueriesApi queries, CivisRuns runs, ReactiveCivisFileTransfers files,
            CivisLookups lookups, Duration timeout) {
        this.scripts = scripts;
        this.queries = queries;
        this.runs = runs;
        this.files = files;
        this.lookups = lookups;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** This SQL API with another longest wait for a query or export. */
    public CivisSql withTimeout(Duration newTimeout) {
        return new CivisSql(scripts, queries, runs, files, lookups, newTimeout);
    }

    /** The longest wait for a query or export to end. */
    public Duration timeout() {
        return timeout;
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
        requireSql(sql);
        long databaseId = lookups.databaseId(database);
        long credential = lookups.defaultDatabaseCredentialId();
        QueryPostResponse posted = queries.post(b -> b.database(databaseId).sql(sql).credential(credential)
            .previewRows((long) MAX_PREVIEW_ROWS));
        String state = posted.state();
        @Nullable String error = posted.error();
        List<String> columns = posted.resultColumns();
        List<List<@Nullable String>> rows = rows(posted.json("resultRows"));
        Instant deadline = Instant.now().plus(timeout);
        RunPolling polling = runs.polling();
        int poll = 0;
        while (!isFinal(state)) {
            if (Instant.now().isAfter(deadline)) {
                throw new CivisRunTimeoutException(posted.id(), lastRunId(posted), timeout);
            }
            sleep(polling.delay(poll++, ThreadLocalRandom.current().nextDouble()), posted);
            Query current = queries.get(posted.id());
            state = current.state();
            error = current.error();
            columns = current.resultColumns();
            rows = rows(current.json("resultRows"));
        }
        if (!"succeeded".equals(state)) {
            throw new CivisRunFailedException(posted.id(), lastRunId(posted), RunState.of(state), error, List.of());
        }
        return new QueryResult(posted.id(), (columns != null) ? List.copyOf(columns) : List.of(), rows);
    }

    /**
     * Runs a SQL script whose result is written as CSV files, and waits for it. This is the
     * route the platform's own clients export with ({@code POST /scripts/sql}, then a run): it is
     * the one that takes SQL parameters, zip compression and a file name prefix, which the
     * {@code /exports/files/csv} jobs do not. The script is hidden from the platform's listings.
     *
     * @param sql the statement
     * @param database the database's name
     * @param options header, delimiter, compression, file name prefix, SQL parameters
     * @return the script, run and result files
     * @throws CivisRunFailedException when the script fails: the platform's error and log tail
     * @throws io.github.civis.client.lookup.CivisLookupException when no database has that name
     */
    public SqlExport export(String sql, String database, ExportOptions options) {
        requireSql(sql);
        Objects.requireNonNull(options, "options");
        long databaseId = lookups.databaseId(database);
        long credential = lookups.defaultDatabaseCredentialId();
        ScriptsPostSqlCsvSettings.Builder settings = ScriptsPostSqlCsvSettings.builder()
            .includeHeader(options.includeHeader())
            .columnDelimiter(options.delimiter().platformName())
            .compression(options.compression().platformName());
        if (!options.filenamePrefix().isBlank()) {
            settings.filenamePrefix(options.filenamePrefix());
        }
        ScriptSql script = scripts.postSql(b -> {
            b.name("civis-java export").sql(sql).remoteHostId(databaseId)
                .credentialId(credential).csvSettings(settings.build()).hidden(true);
            if (!options.parameters().isEmpty()) {
                b.params(parameterDeclarations(options.parameters())).arguments(arguments(options.parameters()));
            }
        });
        CivisRun run = runs.start(script.id());
        run.await(timeout);
        ScriptSqlRun done = scripts.getSqlRuns(script.id(), run.runId());
        List<SqlExport.ResultFile> results = new ArrayList<>();
        List<ScriptSqlRunOutputFile> outputs = done.output();
        if (outputs != null) {
            for (ScriptSqlRunOutputFile output : outputs) {
                results.add(new SqlExport.ResultFile(output.fileId(), String.valueOf(output.outputName())));
            }
        }
        return new SqlExport(script.id(), run.runId(), results, options);
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
        char delimiter = export.options().delimiter().character();
        boolean header = export.options().includeHeader();
        List<Supplier<Stream<CsvRow>>> files = export.fileIds().stream()
            .<Supplier<Stream<CsvRow>>>map(id -> () -> CsvRows.read(open(id), delimiter, header))
            .toList();
        return CsvRows.concatenated(files);
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
                    try (InputStream raw = open(id); InputStream in = CsvRows.decompressed(raw)) {
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

    /** The script's {@code params}: each parameter declared required, with its type. */
    private static List<ScriptParamInput> parameterDeclarations(List<SqlParameter> parameters) {
        return parameters.stream()
            .map(p -> ScriptParamInput.builder().name(p.name()).type(p.type().platformName()).required(true).build())
            .toList();
    }

    /** The script's {@code arguments}: the values by name, as the platform's parameter types read them. */
    private static ObjectNode arguments(List<SqlParameter> parameters) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        for (SqlParameter parameter : parameters) {
            switch (parameter.type()) {
                case INTEGER -> arguments.put(parameter.name(), Long.parseLong(parameter.value()));
                case FLOAT -> arguments.put(parameter.name(), new java.math.BigDecimal(parameter.value()));
                case BOOL -> arguments.put(parameter.name(), Boolean.parseBoolean(parameter.value()));
                case STRING -> arguments.put(parameter.name(), parameter.value());
            }
        }
        return arguments;
    }

    /** A file's bytes as they download, with back-pressure (a few buffers at most in memory). */
    private InputStream open(long fileId) {
        return DataBufferUtils.subscriberInputStream(files.download(fileId), 4);
    }

    private static List<List<@Nullable String>> rows(tools.jackson.databind.JsonNode json) {
        List<List<@Nullable String>> rows = new ArrayList<>();
        if (json != null && json.isArray()) {
            for (tools.jackson.databind.JsonNode row : json) {
                List<@Nullable String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell.isNull() ? null : cell.asString()));
                rows.add(java.util.Collections.unmodifiableList(cells));
            }
        }
        return List.copyOf(rows);
    }

    private static long lastRunId(QueryPostResponse posted) {
        Long id = posted.lastRunId();
        return (id != null) ? id : 0;
    }

    private static boolean isFinal(@Nullable String state) {
        return "succeeded".equals(state) || "failed".equals(state) || "cancelled".equals(state);
    }

    private static void requireSql(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be blank");
        }
    }

    private static void sleep(Duration delay, QueryPostResponse query) {
        try {
            Thread.sleep(delay.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new io.github.civis.client.runs.CivisRunInterruptedException(query.id(), lastRunId(query), ex);
        }
    }
}
