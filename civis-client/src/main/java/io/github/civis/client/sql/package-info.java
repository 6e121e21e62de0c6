/**
 * SQL on Civis databases: query previews ({@code POST /queries}), exports of results as CSV
 * files, and results streamed as {@link io.github.civis.client.sql.CsvRow}s with constant memory.
 */
@NullMarked
package io.github.civis.client.sql;

import org.jspecify.annotations.NullMarked;
