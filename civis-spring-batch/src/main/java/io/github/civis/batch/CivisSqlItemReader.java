package io.github.civis.batch;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.sql.ExportOptions;
import io.github.civis.client.sql.SqlExport;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the result of a SQL query on a Civis database, row by row as the result file downloads
 * (the SQL workflow's {@link CivisSql#stream(SqlExport)}), so memory stays flat whatever the
 * row count. Each {@link CsvRow} is mapped to an item by a {@link CsvRowMapper}.
 *
 * <p><strong>Restart.</strong> The query runs once, when the reader is first opened. The result's
 * file ids (and the SQL script run that wrote them) are kept in the step's
 * {@link ExecutionContext} with the number of rows read; a restarted step reads the same result
 * file again from the platform and skips the rows already read, without running the query again.
 * A result file the platform has since expired cannot be read again: the step then fails and a new
 * job instance must run the query anew.
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;StepScope
 * CivisSqlItemReader&lt;Person&gt; people(CivisSql sql) {
 *     return new CivisSqlItemReaderBuilder&lt;Person&gt;()
 *         .name("people")
 *         .civisSql(sql)
 *         .sql("SELECT id, name FROM public.people")
 *         .database("redshift-general")
 *         .rowMapper(row -&gt; new Person(row.getLong("id"), row.get("name")))
 *         .build();
 * }
 * </pre>
 *
 * Not thread-safe: use it in a single-threaded step (or wrap it in a
 * {@code SynchronizedItemStreamReader}).
 *
 * @param <T> the item type
 */
public class CivisSqlItemReader<T> extends AbstractItemCountingItemStreamItemReader<T> {

    static final String SCRIPT_ID = "result.script.id";
    static final String RUN_ID = "result.run.id";
    static final String FILE_IDS = "result.file.ids";
    static final String HEADER = "result.header";
    static final String DELIMITER = "result.delimiter";

    private final CivisSql sql;
    private final String query;
    private final String database;
    private final ExportOptions options;
    private final CsvRowMapper<T> rowMapper;

    private @Nullable SqlExport export;
    private @Nullable Stream<CsvRow> stream;
    private Iterator<CsvRow> rows = java.util.Collections.emptyIterator();

    /**
     * A reader; {@link CivisSqlItemReaderBuilder} is the usual way to make one.
     * @param sql the SQL workflow
     * @param query the statement
     * @param database the database's name
     * @param options how the result is written (a header row is needed for access by column name)
     * @param rowMapper makes an item of each row
     */
    public CivisSqlItemReader(CivisSql sql, String query, String database, ExportOptions options,
            CsvRowMapper<T> rowMapper) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.query = Objects.requireNonNull(query, "query");
        this.database = Objects.requireNonNull(database, "database");
        this.options = Objects.requireNonNull(options, "options");
        this.rowMapper = Objects.requireNonNull(rowMapper, "rowMapper");
        setName(CivisSqlItemReader.class.getSimpleName());
    }

    /**
     * The result being read: the SQL script run and its files, once the reader is open.
     * @return the result, or {@code null} before {@link #open}
     */
    public @Nullable SqlExport result() {
        return export;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        // The saved result is read before the counting reader opens, so that doOpen reads it
        // instead of running the query again.
        export = isSaveState() ? savedResult(executionContext) : null;
        super.open(executionContext);
        if (isSaveState()) {
            save(executionContext);
        }
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        super.update(executionContext);
        if (isSaveState()) {
            save(executionContext);
        }
    }

    @Override
    protected void doOpen() {
        SqlExport result = export;
        if (result == null) {
            result = sql.export(query, database, options);
            export = result;
        }
        Stream<CsvRow> opened = sql.stream(result);
        stream = opened;
        rows = opened.iterator();
    }

    @Override
    protected @Nullable T doRead() throws Exception {
        return rows.hasNext() ? rowMapper.map(rows.next()) : null;
    }

    /**
     * Skips the rows read before the restart without mapping them. The count saved includes the
     * read that found the end, so running out of rows here is the end of the result, not an error.
     */
    @Override
    protected void jumpToItem(int itemIndex) {
        for (int i = 0; i < itemIndex && rows.hasNext(); i++) {
            rows.next();
        }
    }

    @Override
    protected void doClose() {
        Stream<CsvRow> open = stream;
        stream = null;
        rows = java.util.Collections.emptyIterator();
        export = null;
        if (open != null) {
            open.close();
        }
    }

    private void save(ExecutionContext context) {
        SqlExport result = export;
        if (result == null) {
            return;
        }
        context.putLong(getExecutionContextKey(SCRIPT_ID), result.scriptId());
        context.putLong(getExecutionContextKey(RUN_ID), result.runId());
        context.putString(getExecutionContextKey(FILE_IDS), fileIds(result));
        context.putString(getExecutionContextKey(HEADER), String.valueOf(result.options().includeHeader()));
        context.putString(getExecutionContextKey(DELIMITER), result.options().delimiter().name());
    }

    private @Nullable SqlExport savedResult(ExecutionContext context) {
        if (!context.containsKey(getExecutionContextKey(FILE_IDS))) {
            return null;
        }
        String ids = context.getString(getExecutionContextKey(FILE_IDS));
        List<SqlExport.ResultFile> files = ids.isBlank() ? List.of() : Arrays.stream(ids.split(","))
            .map(id -> new SqlExport.ResultFile(Long.parseLong(id.trim()), "result"))
            .toList();
        ExportOptions saved = options
            .withHeader(Boolean.parseBoolean(context.getString(getExecutionContextKey(HEADER), "true")))
            .withDelimiter(ExportOptions.Delimiter.valueOf(context.getString(getExecutionContextKey(DELIMITER),
                    options.delimiter().name())));
        return new SqlExport(context.getLong(getExecutionContextKey(SCRIPT_ID), 0),
                context.getLong(getExecutionContextKey(RUN_ID), 0), files, saved);
    }

    private static String fileIds(@Nullable SqlExport result) {
        return (result == null) ? "" : result.fileIds().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
