/**
 * Table transfers beside the {@code tables} API group: CSV imports into a table, table copies and
 * refreshes, awaited, reactive ({@link io.github.civis.client.tables.ReactiveCivisTableTransfers},
 * the engine) and blocking ({@link io.github.civis.client.tables.CivisTableTransfers}, its view).
 */
@NullMarked
package io.github.civis.client.tables;

import org.jspecify.annotations.NullMarked;
