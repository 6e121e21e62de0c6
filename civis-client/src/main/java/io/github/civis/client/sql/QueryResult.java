package io.github.civis.client.sql;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The preview of a query's result, as {@code POST /queries} keeps it (at most 100 rows).
 *
 * @param queryId the query's id
 * @param columns the column names
 * @param rows the preview rows, cells as text ({@code null} for SQL {@code NULL})
 */
public record QueryResult(long queryId, List<String> columns, List<List<@Nullable String>> rows) {
}
