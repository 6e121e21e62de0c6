package io.github.civis.client.sql;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.civis.client.api.ReactiveQueriesApi;
import io.github.civis.client.api.ReactiveScriptsApi;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.model.Query;
import io.github.civis.client.model.QueryPostResponse;
import io.github.civis.client.model.ScriptSqlRunOutputFile;
import io.github.civis.client.request.ScriptParamInput;
import io.github.civis.client.request.ScriptsPostSqlCsvSettings;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.ReactiveCivisRuns;
import io.github.civis.client.runs.RunState;

/**
 * SQL on Civis databases, reactive: a query's preview, an export of its result as CSV files, or
 * its rows as they download, as lazy publishers. Obtained as {@code client.reactiveSql()}. This is
 * the engine of the SQL workflow: {@link CivisSql} is its blocking view. Nothing runs until
 * subscription; cancelling stops the polling (the query goes on). Every wait goes through the
 * runs' waiter ({@link io.github.civis.client.runs.RunWaiter}): their polling, listener and
 * timer. Thread-safe.
 *
 * <p>A query that fails is a {@link CivisRunFailedException} with the platform's error text and
 * the run's last log lines; an unknown database a
 * {@link io.github.civis.client.lookup.CivisLookupException} naming the closest ones. Queries run
 * with the current user's default database credential.
 */
public final class ReactiveCivisSql {

    private static final int MAX_PREVIEW_ROWS = 100;

    private final ReactiveScriptsApi scripts;
    private final ReactiveQueriesApi queries;
    private final ReactiveCivisRuns runs;
    private final ReactiveCivisFileTransfers files;
    private final CivisLookups lookups;
    private final Duration timeout;

    private ReactiveCivisSql(ReactiveScriptsApi scripts, ReactiveQueriesApi queries, ReactiveCivisRuns runs,
            ReactiveCivisFileTransfers files, CivisLookups lookups, Duration timeout) {
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.files = Objects.requireNonNull(files, "files");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be a positive duration, was " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * SQL over a client's parts; {@code CivisClient.reactiveSql()} calls this. Prefer that
     * method: it shares the client's runs, files and lookups.
     * @param scripts the scripts API (SQL scripts)
     * @param queries the queries API
     * @param runs runs, for SQL script runs and for the waiter every wait goes through
     * @param files files, for streamed downloads of results
     * @param lookups lookups, for database names and the default credential
     * @param timeout the longest wait for a query or export to end
     * @return the SQL workflow
     */
    public static ReactiveCivisSql of(ReactiveScriptsApi scripts, ReactiveQueriesApi queries, ReactiveCivisRuns runs,
            ReactiveCivisFileTransfers files, CivisLookups lookups, Duration timeout) {
        return new ReactiveCivisSql(scripts, queries, runs, files, lookups, timeout);
    }

    /**
     * This SQL with another longest wait for a query or export.
     * @param newTimeout a positive duration
     * @return the changed SQL
     */
    public ReactiveCivisSql withTimeout(Duration newTimeout) {
        return new ReactiveCivisSql(scripts, queries, runs, files, lookups, newTimeout);
    }

    /**
     * This SQL running and awaiting its work with these runs: their polling, listener and timer
     * then apply to every wait (queries and exports).
     * @param newRuns the runs
     * @return the changed SQL
     */
    public ReactiveCivisSql withRuns(ReactiveCivisRuns newRuns) {
        return new ReactiveCivisSql(scripts, queries, newRuns, files, lookups, timeout);
    }

    /**
     * This SQL resolving names with these lookups (another cache, for example).
     * @param newLookups the lookups
     * @return the changed SQL
     */
    public ReactiveCivisSql withLookups(CivisLookups newLookups) {
        return new ReactiveCivisSql(scripts, queries, runs, files, newLookups, timeout);
    }

    /** The longest wait for a query or export to end. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs a query and emits the platform's preview of its result ({@code POST /queries}): at
     * most 100 rows, for a look at a result, not for reading it (use {@link #stream}). The
     * platform's queries take no SQL parameters; for a parameterised statement use
     * {@link #stream(String, String, ExportOptions)} with {@link ExportOptions#withParameter}.
     * The query is polled ({@code GET /queries/{id}}) through the runs' waiter; its listener sees
     * the wait with the query's id as the job.
     *
     * @param sql the statement
     * @param database the database's name
     * @return the columns and preview rows; else an error: {@link CivisRunFailedException} when
     *         the query fails, with the platform's error text,
     *         {@link io.github.civis.client.runs.CivisRunTimeoutException} when it does not end in time,
     *         {@link io.github.civis.client.lookup.CivisLookupException} when no database has that name
     */
    public Mono<QueryResult> query(String sql, String database) {
        return Mono.defer(() -> {
            requireSql(sql);
            return resolve(database).flatMap(target -> queries.post(b -> b.database(target.databaseId()).sql(sql)
                .credential(target.credentialId()).previewRows((long) MAX_PREVIEW_ROWS)))
                .flatMap(posted -> {
                    long runId = (posted.lastRunId() != null) ? posted.lastRunId() : 0;
                    return runs.waiter().await(posted.id(), runId, QueryReading.of(posted),
                            () -> queries.get(posted.id()).map(QueryReading::of), QueryReading::state, timeout,
                            ended -> ended.state() == RunState.SUCCEEDED
                                    ? Mono.just(new QueryResult(posted.id(), ended.columns(), ended.rows()))
                                    : Mono.error(new CivisRunFailedException(posted.id(), runId, ended.state(),
                                            ended.error(), List.of())));
                });
        });
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
     * @return the script, run and result files; else an error: {@link CivisRunFailedException}
     *         when the script fails (the platform's error and log tail),
     *         {@link io.github.civis.client.lookup.CivisLookupException} when no database has that name
     */
    public Mono<SqlExport> export(String sql, String database, ExportOptions options) {
        return Mono.defer(() -> {
            requireSql(sql);
            Objects.requireNonNull(options, "options");
            ScriptsPostSqlCsvSettings.Builder settings = ScriptsPostSqlCsvSettings.builder()
                .includeHeader(options.includeHeader())
                .columnDelimiter(options.delimiter().platformName())
                .compression(options.compression().platformName());
            if (!options.filenamePrefix().isBlank()) {
                settings.filenamePrefix(options.filenamePrefix());
            }
            return resolve(database).flatMap(target -> scripts.postSql(b -> {
                b.name("civis-java export").sql(sql).remoteHostId(target.databaseId())
                    .credentialId(target.credentialId()).csvSettings(settings.build()).hidden(true);
                if (!options.parameters().isEmpty()) {
                    b.params(parameterDeclarations(options.parameters())).arguments(arguments(options.parameters()));
                }
            }))
                .flatMap(script -> runs.start(script.id())
                    .flatMap(run -> run.await(timeout)
                        .then(Mono.defer(() -> scripts.getSqlRuns(script.id(), run.runId())))
                        .map(done -> {
                            List<SqlExport.ResultFile> results = new ArrayList<>();
                            List<ScriptSqlRunOutputFile> outputs = done.output();
                            if (outputs != null) {
                                for (ScriptSqlRunOutputFile output : outputs) {
                                    results.add(new SqlExport.ResultFile(output.fileId(),
                                            String.valueOf(output.outputName())));
                                }
                            }
                            return new SqlExport(script.id(), run.runId(), results, options);
                        })));
        });
    }

    /**
     * The rows of a query's result, read as they download, with back-pressure; cancelling
     * closes the download.
     * @param sql the statement
     * @param database the database's name
     * @return the rows, cells by column name
     */
    public Flux<CsvRow> stream(String sql, String database) {
        return stream(sql, database, ExportOptions.defaults());
    }

    /**
     * The rows of a query's result exported with these options (SQL parameters, for example),
     * read as they download.
     * @param sql the statement
     * @param database the database's name
     * @param options how the result is written, SQL parameters included; a header row is needed
     *        for access by column name
     * @return the rows
     */
    public Flux<CsvRow> stream(String sql, String database, ExportOptions options) {
        return export(sql, database, options).flatMapMany(this::stream);
    }

    /**
     * The rows of an export's files, in order, read as they download. The CSV is parsed (and
     * unzipped) on a bounded-elastic thread as the bytes arrive, never on the event loop.
     * @param export an export's result
     * @return the rows
     */
    public Flux<CsvRow> stream(SqlExport export) {
        return Flux.using(() -> rows(export), Flux::fromStream, Stream::close)
            .subscribeOn(Schedulers.boundedElastic());
    }

    /** The rows of an export's files, read from the downloads as a stream (for the blocking view too). */
    Stream<CsvRow> rows(SqlExport export) {
        char delimiter = export.options().delimiter().character();
        boolean header = export.options().includeHeader();
        List<Supplier<Stream<CsvRow>>> sources = export.fileIds().stream()
            .<Supplier<Stream<CsvRow>>>map(id -> () -> CsvRows.read(open(id), delimiter, header))
            .toList();
        return CsvRows.concatenated(sources);
    }

    /** A file's bytes as they download, with back-pressure (a few buffers at most in memory). */
    InputStream open(long fileId) {
        return DataBufferUtils.subscriberInputStream(download(fileId), 4);
    }

    private Flux<DataBuffer> download(long fileId) {
        return files.download(fileId);
    }

    /** The database and credential a statement runs with. */
    private record Target(long databaseId, long credentialId) {
    }

    /**
     * The database, resolved through the lookups off the caller's thread: their cache may be a
     * blocking store (a Spring cache, Redis), and a miss asks the API.
     */
    private Mono<Target> resolve(String database) {
        return Mono.fromCallable(() -> new Target(lookups.databaseId(database), lookups.defaultDatabaseCredentialId()))
            .subscribeOn(Schedulers.boundedElastic());
    }

    /** A query as one answer reports it: the answer to the post and to each poll have different types. */
    private record QueryReading(RunState state, @Nullable String error, List<String> columns,
            List<List<@Nullable String>> rows) {

        static QueryReading of(QueryPostResponse posted) {
            return new QueryReading(RunState.of(posted.state()), posted.error(), columns(posted.resultColumns()),
                    previewRows(posted.json("resultRows")));
        }

        static QueryReading of(Query current) {
            return new QueryReading(RunState.of(current.state()), current.error(), columns(current.resultColumns()),
                    previewRows(current.json("resultRows")));
        }

        private static List<String> columns(@Nullable List<String> columns) {
            return (columns != null) ? List.copyOf(columns) : List.of();
        }
    }

    private static List<List<@Nullable String>> previewRows(@Nullable JsonNode json) {
        List<List<@Nullable String>> rows = new ArrayList<>();
        if (json != null && json.isArray()) {
            for (JsonNode row : json) {
                List<@Nullable String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell.isNull() ? null : cell.asString()));
                rows.add(Collections.unmodifiableList(cells));
            }
        }
        return List.copyOf(rows);
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
                case FLOAT -> arguments.put(parameter.name(), new BigDecimal(parameter.value()));
                case BOOL -> arguments.put(parameter.name(), Boolean.parseBoolean(parameter.value()));
                case STRING -> arguments.put(parameter.name(), parameter.value());
            }
        }
        return arguments;
    }

    private static void requireSql(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be blank");
        }
    }
}
