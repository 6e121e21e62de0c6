package io.github.civis.batch;

import io.github.civis.client.sql.CsvRow;

/**
 * Makes an item of one row of a query's result, for {@link CivisSqlItemReader}.
 *
 * <pre class="code">
 * CsvRowMapper&lt;Person&gt; people = row -&gt; new Person(row.getLong("id"), row.get("name"));
 * </pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface CsvRowMapper<T> {

    /**
     * Maps a row.
     * @param row the row: cells by column name or position, {@code null} for SQL {@code NULL}
     * @return the item
     * @throws Exception when the row cannot be mapped; the step's skip and retry rules apply
     */
    T map(CsvRow row) throws Exception;

    /** The row itself, unchanged: for steps that pass rows on as they are. */
    static CsvRowMapper<CsvRow> identity() {
        return row -> row;
    }
}
