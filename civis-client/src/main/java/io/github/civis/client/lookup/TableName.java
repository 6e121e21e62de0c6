package io.github.civis.client.lookup;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A table's name as SQL writes it, {@code schema.table}, split the way the platform splits it:
 * on the dot outside double quotes, so {@code "my.schema"."my.table"} is schema {@code my.schema}
 * and table {@code my.table} (a doubled quote inside quotes is one quote).
 *
 * @param schema the schema
 * @param table the table
 */
public record TableName(String schema, String table) {

    private static final CsvMapper SPLITTER = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();

    /**
     * Checks both parts.
     * @throws IllegalArgumentException when a part is blank
     */
    public TableName {
        if (schema == null || schema.isBlank() || table == null || table.isBlank()) {
            throw new IllegalArgumentException("A table name needs a schema and a table, got schema '" + schema
                    + "' and table '" + table + "'");
        }
    }

    /**
     * Splits {@code schema.table}.
     * @param qualified the name, either part possibly double-quoted
     * @return the parts
     * @throws IllegalArgumentException when the text is not exactly a schema and a table, saying why
     */
    public static TableName parse(String qualified) {
        if (qualified == null || qualified.isBlank() || qualified.indexOf('\n') >= 0 || qualified.indexOf('\r') >= 0) {
            throw malformed(qualified, "it is empty or spans lines");
        }
        List<String> parts;
        try (MappingIterator<String[]> lines = SPLITTER.readerForArrayOf(String.class)
            .with(CsvSchema.emptySchema().withColumnSeparator('.').withQuoteChar('"'))
            .readValues(qualified)) {
            parts = lines.hasNextValue() ? Arrays.asList(lines.nextValue()) : List.of();
        }
        catch (JacksonException ex) {
            throw malformed(qualified, "its quotes do not pair up");
        }
        if (parts.size() == 1) {
            throw malformed(qualified, "it names no schema");
        }
        if (parts.size() != 2) {
            throw malformed(qualified, "it has " + parts.size() + " dot-separated parts (quote a part that holds a dot)");
        }
        if (parts.get(0) == null || parts.get(0).isBlank() || parts.get(1) == null || parts.get(1).isBlank()) {
            throw malformed(qualified, "a part is empty");
        }
        return new TableName(parts.get(0), parts.get(1));
    }

    private static IllegalArgumentException malformed(@Nullable String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a table name of the form schema.table: " + why);
    }

    /** The name as SQL writes it, each part quoted when it needs to be. */
    public String sql() {
        return quoted(schema) + "." + quoted(table);
    }

    private static String quoted(String part) {
        return part.matches("[A-Za-z_][A-Za-z0-9_$]*") ? part : "\"" + part.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return sql();
    }
}
