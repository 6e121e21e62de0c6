package io.github.civis.client.tables;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.github.civis.client.sql.ExportOptions.Delimiter;

/**
 * How a CSV becomes a table ({@code POST /imports/files/csv}). Immutable; the defaults: fail
 * when the table exists, a header row, comma-separated, column types detected by the platform.
 *
 * @param existingTable what to do when the table exists
 * @param header whether the first row names the columns
 * @param delimiter the column delimiter
 * @param gzipped whether the source is gzip-compressed
 * @param columns the columns and SQL types, in file order; empty to let the platform detect them
 */
public record ImportOptions(ExistingTable existingTable, boolean header, Delimiter delimiter, boolean gzipped,
        List<Column> columns) {

    /** Checks and copies the values. */
    public ImportOptions {
        Objects.requireNonNull(existingTable, "existingTable");
        Objects.requireNonNull(delimiter, "delimiter");
        columns = List.copyOf(columns);
    }

    /** The defaults: fail if the table exists, header, comma, detect types. */
    public static ImportOptions defaults() {
        return new ImportOptions(ExistingTable.FAIL, true, Delimiter.COMMA, false, List.of());
    }

    /** These options with another handling of an existing table. */
    public ImportOptions withExistingTable(ExistingTable handling) {
        return new ImportOptions(handling, header, delimiter, gzipped, columns);
    }

    /** These options with or without a header row. */
    public ImportOptions withHeader(boolean hasHeader) {
        return new ImportOptions(existingTable, hasHeader, delimiter, gzipped, columns);
    }

    /** These options with another delimiter. */
    public ImportOptions withDelimiter(Delimiter newDelimiter) {
        return new ImportOptions(existingTable, header, newDelimiter, gzipped, columns);
    }

    /** These options for a gzip-compressed source, or not. */
    public ImportOptions withGzipped(boolean isGzipped) {
        return new ImportOptions(existingTable, header, delimiter, isGzipped, columns);
    }

    /** These options with declared columns instead of detected ones. */
    public ImportOptions withColumns(List<Column> declared) {
        return new ImportOptions(existingTable, header, delimiter, gzipped, declared);
    }

    /** What an import does to a table that exists. */
    public enum ExistingTable {
        /** Fail the import, leaving the table as it is. */
        FAIL,
        /** Add the rows. */
        APPEND,
        /** Replace the table, its columns included. */
        DROP,
        /** Keep the columns, replace the rows. */
        TRUNCATE;

        /** The platform's name. */
        public String platformName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A column of the table.
     *
     * @param name its name
     * @param sqlType its SQL type, e.g. {@code INTEGER} or {@code VARCHAR(64)}
     */
    public record Column(String name, String sqlType) {
    }
}
