package io.github.civis.simulator.sql;

import java.util.List;

/**
 * A table of a simulated database.
 *
 * @param id the table's id (shared id space with every other object)
 * @param databaseId the id of its database
 * @param schema the schema name
 * @param name the table name
 * @param columns the columns, in order
 * @param rows the rows
 */
public record SeededTable(long id, long databaseId, String schema, String name, List<Column> columns,
        TableRows rows) {

    /** Copies the column list. */
    public SeededTable {
        columns = List.copyOf(columns);
    }

    /** {@code schema.name}. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** This table with other rows. */
    public SeededTable withRows(TableRows newRows) {
        return new SeededTable(id, databaseId, schema, name, columns, newRows);
    }

    /**
     * A column.
     *
     * @param name its name
     * @param sqlType its SQL type, as the platform reports it (e.g. {@code VARCHAR(256)})
     */
    public record Column(String name, String sqlType) {

        /** A text column of that name. */
        public static Column text(String name) {
            return new Column(name, "VARCHAR(65535)");
        }

        /** Text columns of those names. */
        public static List<Column> text(List<String> names) {
            return names.stream().map(Column::text).toList();
        }
    }
}
