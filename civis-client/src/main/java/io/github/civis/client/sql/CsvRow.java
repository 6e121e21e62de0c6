package io.github.civis.client.sql;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One row of a CSV result, with its cells reachable by column name (from the header) or
 * position. A cell the platform wrote as an empty unquoted field is SQL {@code NULL} and reads
 * as {@code null}; a quoted empty field ({@code ""}) is an empty string. Typed getters convert
 * the text and fail with the column's name when they cannot.
 */
public final class CsvRow {

    private final Header header;
    private final List<@Nullable String> cells;
    private final long number;

    CsvRow(Header header, List<@Nullable String> cells, long number) {
        this.header = header;
        this.cells = Collections.unmodifiableList(cells);
        this.number = number;
    }

    /** The column names, from the header (or {@code column_1 …} when the result has none). */
    public List<String> columns() {
        return header.names();
    }

    /** The cells, in column order; {@code null} for SQL {@code NULL}. */
    public List<@Nullable String> values() {
        return cells;
    }

    /** The row's number in the result, from 1 (the header not counted). */
    public long number() {
        return number;
    }

    /** The number of cells. */
    public int size() {
        return cells.size();
    }

    /**
     * The cell at a position.
     * @param index from 0
     * @return the text, or {@code null} for SQL {@code NULL}
     * @throws IndexOutOfBoundsException when the row has no such cell
     */
    public @Nullable String get(int index) {
        return cells.get(index);
    }

    /**
     * The cell of a column.
     * @param column the column's name as in the header (exact, else ignoring case)
     * @return the text, or {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException when there is no such column, naming the columns there are
     */
    public @Nullable String get(String column) {
        int index = header.indexOf(column);
        return (index < cells.size()) ? cells.get(index) : null;
    }

    /** Whether the cell of a column is SQL {@code NULL}. */
    public boolean isNull(String column) {
        return get(column) == null;
    }

    /**
     * The cell as an {@code int}.
     * @param column the column's name
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException when the text is not an integer, naming the column and row
     */
    public @Nullable Integer getInt(String column) {
        String text = get(column);
        try {
            return (text != null) ? Integer.valueOf(text.trim()) : null;
        }
        catch (NumberFormatException ex) {
            throw notA("an int", column, text, ex);
        }
    }

    /**
     * The cell as a {@code long}.
     * @param column the column's name
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException when the text is not an integer, naming the column and row
     */
    public @Nullable Long getLong(String column) {
        String text = get(column);
        try {
            return (text != null) ? Long.valueOf(text.trim()) : null;
        }
        catch (NumberFormatException ex) {
            throw notA("a long", column, text, ex);
        }
    }

    /**
     * The cell as a {@code double}.
     * @param column the column's name
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException when the text is not a number, naming the column and row
     */
    public @Nullable Double getDouble(String column) {
        String text = get(column);
        try {
            return (text != null) ? Double.valueOf(text.trim()) : null;
        }
        catch (NumberFormatException ex) {
            throw notA("a double", column, text, ex);
        }
    }

    /**
     * The cell as a decimal, without loss.
     * @param column the column's name
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException when the text is not a number, naming the column and row
     */
    public @Nullable BigDecimal getDecimal(String column) {
        String text = get(column);
        try {
            return (text != null) ? new BigDecimal(text.trim()) : null;
        }
        catch (NumberFormatException ex) {
            throw notA("a decimal", column, text, ex);
        }
    }

    /**
     * The cell as a boolean: {@code t}/{@code true}/{@code 1} or {@code f}/{@code false}/{@code 0},
     * as databases write them.
     * @param column the column's name
     * @return the value, or {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException for other text, naming the column and row
     */
    public @Nullable Boolean getBoolean(String column) {
        String text = get(column);
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "t", "true", "1", "y", "yes" -> Boolean.TRUE;
            case "f", "false", "0", "n", "no" -> Boolean.FALSE;
            default -> throw notA("a boolean", column, text, null);
        };
    }

    private IllegalArgumentException notA(String kind, String column, @Nullable String text,
            @Nullable Exception cause) {
        return new IllegalArgumentException("Column '" + column + "' of row " + number + " is not " + kind + ": '"
                + text + "'", cause);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CsvRow row && row.cells.equals(cells) && row.header.names().equals(header.names());
    }

    @Override
    public int hashCode() {
        return Objects.hash(header.names(), cells);
    }

    @Override
    public String toString() {
        return "CsvRow" + cells;
    }

    /** The column names of a result and a fast index by name, shared by its rows. */
    static final class Header {

        private final List<String> names;
        private final Map<String, Integer> exact = new java.util.HashMap<>();
        private final Map<String, Integer> folded = new java.util.HashMap<>();

        Header(List<String> names) {
            this.names = List.copyOf(names);
            for (int i = names.size() - 1; i >= 0; i--) {
                exact.put(names.get(i), i);
                folded.put(names.get(i).toLowerCase(java.util.Locale.ROOT), i);
            }
        }

        List<String> names() {
            return names;
        }

        int indexOf(String column) {
            Integer index = exact.get(column);
            if (index == null) {
                index = folded.get(column.toLowerCase(java.util.Locale.ROOT));
            }
            if (index == null) {
                throw new IllegalArgumentException("No column '" + column + "' in the result; its columns are " + names);
            }
            return index;
        }
    }
}
