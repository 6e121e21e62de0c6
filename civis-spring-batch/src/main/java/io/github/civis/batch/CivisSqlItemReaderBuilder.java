package io.github.civis.batch;

import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.sql.ExportOptions;
import io.github.civis.client.sql.SqlParameter;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link CivisSqlItemReader}, in the style of Spring Batch's own reader builders.
 *
 * <pre class="code">
 * CivisSqlItemReader&lt;CsvRow&gt; reader = new CivisSqlItemReaderBuilder&lt;CsvRow&gt;()
 *     .name("sourceRows")
 *     .civisSql(client.sql())
 *     .sql("SELECT * FROM public.people WHERE state = {{state}}")
 *     .parameter(SqlParameter.of("state", "CA"))
 *     .database("redshift-general")
 *     .rowMapper(CsvRowMapper.identity())
 *     .build();
 * </pre>
 *
 * @param <T> the item type
 */
public class CivisSqlItemReaderBuilder<T> {

    private @Nullable CivisSql civisSql;
    private @Nullable String sql;
    private @Nullable String database;
    private ExportOptions options = ExportOptions.defaults();
    private @Nullable CsvRowMapper<T> rowMapper;
    private @Nullable String name;
    private boolean saveState = true;
    private int maxItemCount = Integer.MAX_VALUE;
    private int currentItemCount;

    /** An empty builder. */
    public CivisSqlItemReaderBuilder() {
    }

    /**
     * The SQL workflow to run the query with ({@code client.sql()}, or the starter's {@code CivisSql} bean).
     * @param civisSql the SQL workflow
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> civisSql(CivisSql civisSql) {
        this.civisSql = civisSql;
        return this;
    }

    /**
     * The statement to run; required.
     * @param sql the statement
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> sql(String sql) {
        this.sql = sql;
        return this;
    }

    /**
     * The database's name, as Civis lists it; required.
     * @param database the name
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> database(String database) {
        this.database = database;
        return this;
    }

    /**
     * How the result is written; default {@link ExportOptions#defaults()} (header row, comma, gzip).
     * @param options the options
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> exportOptions(ExportOptions options) {
        this.options = options;
        return this;
    }

    /**
     * A value for a {@code {{name}}} placeholder of the statement.
     * @param parameter the parameter
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> parameter(SqlParameter parameter) {
        this.options = this.options.withParameter(parameter);
        return this;
    }

    /**
     * Makes an item of each row; required ({@link CsvRowMapper#identity()} passes rows on as they are).
     * @param rowMapper the mapper
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> rowMapper(CsvRowMapper<T> rowMapper) {
        this.rowMapper = rowMapper;
        return this;
    }

    /**
     * The name that prefixes the reader's keys in the execution context; required when the state is saved.
     * @param name the name, unique within the step
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> name(String name) {
        this.name = name;
        return this;
    }

    /**
     * Whether the reader keeps its result and position in the execution context, for restarts; default true.
     * @param saveState whether to save state
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> saveState(boolean saveState) {
        this.saveState = saveState;
        return this;
    }

    /**
     * The most rows to read.
     * @param maxItemCount the limit
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> maxItemCount(int maxItemCount) {
        this.maxItemCount = maxItemCount;
        return this;
    }

    /**
     * The row to start at (rows before it are skipped), when not restarting.
     * @param currentItemCount the number of rows to skip
     * @return this builder
     */
    public CivisSqlItemReaderBuilder<T> currentItemCount(int currentItemCount) {
        this.currentItemCount = currentItemCount;
        return this;
    }

    /**
     * Builds the reader.
     * @return the reader
     * @throws IllegalStateException naming what is missing
     */
    public CivisSqlItemReader<T> build() {
        if (civisSql == null) {
            throw new IllegalStateException("Set civisSql(...): the SQL workflow, client.sql() or the CivisSql bean");
        }
        if (sql == null || sql.isBlank()) {
            throw new IllegalStateException("Set sql(...): the statement whose result is read");
        }
        if (database == null || database.isBlank()) {
            throw new IllegalStateException("Set database(...): the name of the database the statement runs on");
        }
        if (rowMapper == null) {
            throw new IllegalStateException("Set rowMapper(...): CsvRowMapper.identity() passes rows on as they are");
        }
        if (saveState && (name == null || name.isBlank())) {
            throw new IllegalStateException("Set name(...) when saveState is true: it prefixes the reader's keys in the "
                    + "execution context");
        }
        CivisSqlItemReader<T> reader = new CivisSqlItemReader<>(civisSql, sql, database, options, rowMapper);
        if (name != null) {
            reader.setName(name);
        }
        reader.setSaveState(saveState);
        reader.setMaxItemCount(maxItemCount);
        reader.setCurrentItemCount(currentItemCount);
        return reader;
    }
}
