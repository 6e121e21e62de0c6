package io.github.civis.simulator.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Carries out a {@code Dbsync} import job (table to table, across databases) against the
 * seeded databases: each of the job's syncs copies its source table's rows into its
 * destination table, according to the sync's {@code existingTableRows}. Rows are copied, one at
 * a time, into new table files ({@link TableFiles}); every sync is checked and copied before any
 * table is touched, so a failed job (a bad sync, or tables beyond their size limit) leaves every
 * destination as it was.
 */
public final class TableTransfers {

    private final SimulatedDatabases databases;

    /**
     * @param databases the databases copied between
     */
    public TableTransfers(SimulatedDatabases databases) {
        this.databases = databases;
    }

    /** Whether a job is a table-to-table import this class carries out. */
    public static boolean isDbsync(JsonNode job) {
        return job.path("syncType").asString("").equalsIgnoreCase("Dbsync");
    }

    /**
     * Runs a job's syncs.
     *
     * @param job the import's fields as the API stores them, with its {@code syncs}
     * @return what was done, for the run's log
     * @throws CsvImports.ImportException when the copy cannot be done; its message is the run's error
     */
    public String run(JsonNode job) {
        long sourceDatabase = job.path("source").path("remoteHostId").asLong(-1);
        long destinationDatabase = job.path("destination").path("remoteHostId").asLong(-1);
        for (long id : List.of(sourceDatabase, destinationDatabase)) {
            if (databases.database(id).isEmpty()) {
                throw new CsvImports.ImportException("Database " + id + " does not exist");
            }
        }
        JsonNode syncs = job.path("syncs");
        if (!syncs.isArray() || syncs.isEmpty()) {
            throw new CsvImports.ImportException("The import has no syncs: add one with POST /imports/{id}/syncs");
        }
        List<Runnable> writes = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<TableFiles.StoredRows> copies = new ArrayList<>();
        try {
            for (JsonNode sync : syncs) {
                done.add(check(sync, sourceDatabase, destinationDatabase, writes, copies));
            }
        }
        catch (RuntimeException ex) {
            copies.forEach(TableFiles.StoredRows::delete);
            if (ex instanceof TableFiles.LimitExceededException || ex instanceof java.io.UncheckedIOException) {
                throw new CsvImports.ImportException("Cannot copy the tables: " + ex.getMessage());
            }
            throw ex;
        }
        writes.forEach(Runnable::run);
        return String.join("; ", done);
    }

    /** Checks one sync and copies its rows; adds the table change to make once every sync is ready. */
    private String check(JsonNode sync, long sourceDatabase, long destinationDatabase, List<Runnable> writes,
            List<TableFiles.StoredRows> copies) {
        QualifiedName from = tableOf(sync.path("source"));
        QualifiedName to = tableOf(sync.path("destination"));
        String fromSchema = schemaOf(from);
        String toSchema = schemaOf(to);
        SeededTable source = databases.table(sourceDatabase, fromSchema, from.table())
            .orElseThrow(() -> new CsvImports.ImportException("relation \"" + fromSchema + "." + from.table()
                    + "\" does not exist"));
        String mode = sync.path("advancedOptions").path("existingTableRows").asString("fail").toLowerCase(Locale.ROOT);
        if (!List.of("fail", "truncate", "append", "drop").contains(mode)) {
            throw new CsvImports.ImportException("existingTableRows '" + mode + "' is not supported here: use fail, "
                    + "truncate, append or drop");
        }
        Optional<SeededTable> existing = databases.table(destinationDatabase, toSchema, to.table());
        String qualified = toSchema + "." + to.table();
        if (existing.isPresent() && mode.equals("fail")) {
            throw new CsvImports.ImportException("Table " + qualified + " already exists and existingTableRows is fail");
        }
        if (existing.isPresent() && !mode.equals("drop")
                && existing.get().columns().size() != source.columns().size()) {
            throw new CsvImports.ImportException("Table " + qualified + " has " + existing.get().columns().size()
                    + " columns, the source " + source.qualifiedName() + " has " + source.columns().size());
        }
        boolean append = existing.isPresent() && mode.equals("append");
        TableFiles.StoredRows rows;
        try (TableFiles.Writer writer = databases.files().writer()) {
            if (append) {
                writer.addAll(existing.get().rows());
            }
            writer.addAll(source.rows());
            rows = writer.commit();
        }
        copies.add(rows);
        if (existing.isPresent() && !mode.equals("drop")) {
            writes.add(() -> databases.replaceRows(existing.get(), rows));
        }
        else {
            writes.add(() -> databases.putTable(destinationDatabase, toSchema, to.table(), source.columns(), rows));
        }
        return "Copied " + source.rows().size() + " rows of " + source.qualifiedName() + " into " + qualified;
    }

    /** The table of a sync's side: {@code databaseTable} {schema, table}, or the older {@code path}. */
    private static QualifiedName tableOf(JsonNode side) {
        JsonNode databaseTable = side.path("databaseTable");
        if (databaseTable.isObject() && !databaseTable.path("table").asString("").isBlank()) {
            String schema = databaseTable.path("schema").asString("");
            return new QualifiedName(schema.isBlank() ? null : schema, databaseTable.path("table").asString());
        }
        String path = side.path("path").asString("");
        if (path.isBlank()) {
            throw new CsvImports.ImportException("A sync needs its source and destination tables");
        }
        try {
            return QualifiedName.parse(path);
        }
        catch (IllegalArgumentException ex) {
            throw new CsvImports.ImportException("Cannot read the table name '" + path + "': " + ex.getMessage());
        }
    }

    private static String schemaOf(QualifiedName name) {
        return (name.schema() != null) ? name.schema() : "public";
    }
}
