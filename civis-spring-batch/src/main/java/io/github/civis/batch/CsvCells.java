package io.github.civis.batch;

import java.util.List;

import io.github.civis.client.sql.CsvRow;
import org.jspecify.annotations.Nullable;

/**
 * The cells of one item as a CSV row, for {@link CivisTableItemWriter}: one per column, in column
 * order, {@code null} for SQL {@code NULL} (an empty string stays an empty string).
 *
 * <pre class="code">
 * CsvCells&lt;Person&gt; cells = person -&gt; List.of(String.valueOf(person.id()), person.name());
 * </pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface CsvCells<T> {

    /**
     * The cells of an item.
     * @param item the item
     * @return one cell per column, {@code null} for SQL {@code NULL}
     */
    List<@Nullable String> cells(T item);

    /** The cells of a row read by {@link CivisSqlItemReader}, as they were read. */
    static CsvCells<CsvRow> ofRow() {
        return CsvRow::values;
    }
}
