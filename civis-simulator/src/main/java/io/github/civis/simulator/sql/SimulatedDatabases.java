package io.github.civis.simulator.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The databases the simulator knows and their tables. Names match without regard to case, as
 * unquoted SQL names do. Thread-safe; a table is replaced whole, so a reader iterating its rows
 * never sees a half-done change.
 */
public final class SimulatedDatabases {

    private final LongSupplier ids;
    private final TableFiles files;
    private final Map<Long, Database> databases = new LinkedHashMap<>();
    private final Map<Long, SeededTable> tables = new LinkedHashMap<>();

    /**
     * Databases whose imported tables may take up to {@link TableFiles#DEFAULT_MAX_BYTES}.
     *
     * @param ids where database and table ids come from (the simulator's shared id counter)
     */
    public SimulatedDatabases(LongSupplier ids) {
        this(ids, new TableFiles(TableFiles.DEFAULT_MAX_BYTES));
    }

    /**
     * @param ids where database and table ids come from (the simulator's shared id counter)
     * @param files where the rows of imported and copied tables are kept
     */
    public SimulatedDatabases(LongSupplier ids, TableFiles files) {
        this.ids = ids;
        this.files = files;
    }

    /** Where the rows of imported and copied tables are kept, on disk and within a limit. */
    public TableFiles files() {
        return files;
    }

    /**
     * The database of that name, added when new.
     *
     * @param name its name
     * @return the database
     */
    public synchronized Database addDatabase(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A database needs a non-blank name");
        }
        return database(name).orElseGet(() -> {
            Database created = new Database(ids.getAsLong(), name, "redshift");
            databases.put(created.id(), created);
            return created;
        });
    }

    /** Forgets every database and table, as when new. */
    public synchronized void clear() {
        databases.clear();
        tables.clear();
    }

    /** Every database, in the order added. */
    public synchronized List<Database> databases() {
        return List.copyOf(databases.values());
    }

    /** The database of that id. */
    public synchronized Optional<Database> database(long id) {
        return Optional.ofNullable(databases.get(id));
    }

    /** The database of that name. */
    public synchronized Optional<Database> database(String name) {
        return databases.values().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Creates a table, or replaces the one of that name (keeping its id).
     *
     * @param databaseId the database
     * @param schema the schema
     * @param name the table name
     * @param columns the columns
     * @param rows the rows
     * @return the table
     * @throws IllegalArgumentException when the database does not exist or a name is blank
     */
    public synchronized SeededTable putTable(long databaseId, String schema, String name,
            List<SeededTable.Column> columns, TableRows rows) {
        if (!databases.containsKey(databaseId)) {
            throw new IllegalArgumentException("No database " + databaseId);
        }
        if (schema.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("A table needs a schema and a name");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Table " + schema + "." + name + " needs at least one column");
        }
        long id = table(databaseId, schema, name).map(SeededTable::id).orElseGet(ids::getAsLong);
        SeededTable table = new SeededTable(id, databaseId, schema, name, columns, rows);
        forget(tables.put(id, table));
        return table;
    }

    /** Replaces a table's rows; the table must exist. */
    public synchronized SeededTable replaceRows(SeededTable table, TableRows rows) {
        SeededTable replaced = table.withRows(rows);
        forget(tables.put(table.id(), replaced));
        return replaced;
    }

    /** Deletes the file of a replaced table's rows, unless another table still reads it. */
    private void forget(@Nullable SeededTable replaced) {
        if (replaced != null && replaced.rows() instanceof TableFiles.StoredRows stored
                && tables.values().stream().noneMatch(t -> t.rows() == stored)) {
            stored.delete();
        }
    }

    /** The table of that id. */
    public synchronized Optional<SeededTable> table(long id) {
        return Optional.ofNullable(tables.get(id));
    }

    /** The table of that schema and name in a database. */
    public synchronized Optional<SeededTable> table(long databaseId, String schema, String name) {
        return tables.values().stream()
            .filter(t -> t.databaseId() == databaseId && t.schema().equalsIgnoreCase(schema)
                    && t.name().equalsIgnoreCase(name))
            .findFirst();
    }

    /**
     * The tables, in the order created, of one database or all.
     *
     * @param databaseId the database, or {@code null} for all
     * @return the tables
     */
    public synchronized List<SeededTable> tables(@Nullable Long databaseId) {
        List<SeededTable> found = new ArrayList<>();
        for (SeededTable table : tables.values()) {
            if (databaseId == null || table.databaseId() == databaseId) {
                found.add(table);
            }
        }
        return found;
    }

    /**
     * A simulated database (a remote host of the platform).
     *
     * @param id its id, also its remote host id
     * @param name its name
     * @param adapter its kind, e.g. {@code redshift}
     */
    public record Database(long id, String name, String adapter) {
    }
}
