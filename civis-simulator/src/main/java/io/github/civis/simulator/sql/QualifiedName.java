package io.github.civis.simulator.sql;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A table name as SQL writes it: {@code schema.table}, either part double-quoted when it holds
 * special characters ({@code "my.schema"."my.table"}, a quote doubled inside quotes).
 *
 * @param schema the schema, {@code null} when only a table name was given
 * @param table the table name
 */
public record QualifiedName(@Nullable String schema, String table) {

    /**
     * Splits a name the way the platform does: on dots outside double quotes.
     *
     * @param text {@code schema.table}, {@code table}, or either part quoted
     * @return the parts
     * @throws IllegalArgumentException when the text is blank or has more than two parts
     */
    public static QualifiedName parse(String text) {
        List<@Nullable String> parts = CsvFormat.splitQuoted(text, '.');
        if (parts.isEmpty() || parts.size() > 2 || parts.stream().anyMatch(p -> p == null || p.isEmpty())) {
            throw new IllegalArgumentException("'" + text + "' is not a table name of the form schema.table");
        }
        return (parts.size() == 1) ? new QualifiedName(null, parts.get(0)) : new QualifiedName(parts.get(0), parts.get(1));
    }

    @Override
    public String toString() {
        return (schema != null) ? schema + "." + table : table;
    }
}
