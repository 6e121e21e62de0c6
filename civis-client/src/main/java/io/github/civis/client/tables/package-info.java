/**
 * Tables: CSV imports into a table as awaited runs, and the {@code tables} API group.
 */
@NullMarked
package io.github.civis.client.tables;

import org.jspecify.annotations.NullMarked;
