/**
 * Tables: CSV imports into a table as awaited runs, and the {@code tables} API group, blocking
 * ({@link io.github.civis.client.tables.CivisTables}) and reactive
 * ({@link io.github.civis.client.tables.ReactiveCivisTables}).
 */
@NullMarked
package io.github.civis.client.tables;

import org.jspecify.annotations.NullMarked;
