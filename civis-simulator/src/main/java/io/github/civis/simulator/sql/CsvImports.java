package io.github.civis.simulator.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Carries out a CSV import job ({@code POST /imports/files/csv}) against the seeded databases:
 * reads the source files, checks every row against the columns (their count, and values of
 * integer, decimal, boolean and date columns), and creates, replaces or
 * extends the destination table according to {@code existingTableRows}. Rows are read one at a
 * time and written to a new table file ({@link TableFiles}), so that a file of any size costs
 * no memory; the table changes only once every row is checked and written, so a failed import
 * (a bad row, or tables beyond their size limit) leaves the table as it was.
 */
public final class CsvImports {

    private final SimulatedDatabases databases;
    private final LongFunction<Optional<Path>> fileContent;

    /**
     * @param databases the databases imported into
     * @param fileContent where the content of a stored file is, by id
     */
    public CsvImports(SimulatedDatabases databases, LongFunction<Optional<Path>> fileContent) {
        this.databases = databases;
        this.fileContent = fileContent;
    }

    /**
     * Runs an import.
     *
     * @param job the import's fields as the API stores them
     * @return what was done, for the run's log
     * @throws ImportException when the import cannot be done; its message is the run's error
     */
    public String run(JsonNode job) {
        JsonNode destination = job.path("destination");
        long databaseId = destination.path("remoteHostId").asLong(-1);
        SimulatedDatabases.Database database = databases.database(databaseId)
            .orElseThrow(() -> new ImportException("Database " + databaseId + " does not exist"));
        String schema = destination.path("schema").asString("");
        String tableName = destination.path("table").asString("");
        if (schema.isBlank() || tableName.isBlank()) {
            throw new ImportException("The destination needs a schema and a table");
        }
        String qualified = schema + "." + tableName;
        char delimiter;
        try {
            delimiter = CsvFormat.delimiter(job.path("columnDelimiter").isString()
                    ? job.get("columnDelimiter").stringValue() : null);
        }
        catch (IllegalArgumentException ex) {
            throw new ImportException(ex.getMessage());
        }
        String compression = job.path("compression").asString("none").toLowerCase(Locale.ROOT);
        boolean header = job.path("firstRowIsHeader").asBoolean(false);
        String mode = job.path("existingTableRows").asString("fail").toLowerCase(Locale.ROOT);
        if (!List.of("fail", "truncate", "append", "drop").contains(mode)) {
            throw new ImportException("existingTableRows '" + mode + "' is not supported here: use fail, truncate, "
                    + "append or drop");
        }

        JsonNode fileIds = job.path("source").path("fileIds");
        if (!fileIds.isArray() || fileIds.isEmpty()) {
            throw new ImportException("The source names no file: give source.fileIds");
        }
        List<Long> sourceIds = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        for (JsonNode fileIdNode : fileIds) {
            long fileId = fileIdNode.asLong();
            sourceIds.add(fileId);
            sources.add(fileContent.apply(fileId)
                .orElseThrow(() -> new ImportException("File " + fileId + " has no content to import")));
        }

        Optional<SeededTable> existing = databases.table(database.id(), schema, tableName);
        if (existing.isPresent() && mode.equals("fail")) {
            throw new ImportException("Table " + qualified + " already exists and existingTableRows is fail");
        }
        Optional<SeededTable> kept = existing.filter(t -> !mode.equals("drop"));
        boolean append = existing.isPresent() && mode.equals("append");
        TableFiles.StoredRows imported;
        List<SeededTable.Column> columns = kept.map(SeededTable::columns).orElse(null);
        long count = 0;
        try (TableFiles.Writer writer = databases.files().writer()) {
            if (append) {
                writer.addAll(existing.get().rows());
            }
            List<String> headerNames = null;
            for (int f = 0; f < sources.size(); f++) {
                long fileId = sourceIds.get(f);
                try (CsvFormat.RowReader reader = open(sources.get(f), fileId, delimiter, compression)) {
                    long line = 0;
                    for (List<@Nullable String> row = next(reader, fileId); row != null; row = next(reader, fileId)) {
                        line++;
                        if (header && line == 1) {
                            if (headerNames == null) {
                                headerNames = new ArrayList<>();
                                for (String name : row) {
                                    headerNames.add((name != null) ? name.trim() : "");
                                }
                            }
                            continue;
                        }
                        if (columns == null) {
                            columns = columns(job, headerNames, Optional.empty(), row.size());
                        }
                        check(row, columns, "line " + line + " of file " + fileId);
                        writer.add(row);
                        count++;
                    }
                }
            }
            if (columns == null) {
                columns = columns(job, headerNames, Optional.empty(), 0);
            }
            imported = writer.commit();
        }
        catch (TableFiles.LimitExceededException ex) {
            throw new ImportException("Cannot import into " + qualified + ": " + ex.getMessage());
        }
        catch (java.io.UncheckedIOException ex) {
            throw new ImportException("Cannot import into " + qualified + ": " + ex.getMessage());
        }
        if (append) {
            databases.replaceRows(existing.get(), imported);
            return "Appended " + count + " rows to " + qualified;
        }
        if (existing.isPresent() && mode.equals("truncate")) {
            databases.replaceRows(existing.get(), imported);
            return "Truncated " + qualified + " and loaded " + count + " rows";
        }
        try {
            databases.putTable(database.id(), schema, tableName, columns, imported);
        }
        catch (RuntimeException ex) {
            imported.delete();
            throw ex;
        }
        return (existing.isPresent() ? "Replaced " : "Created ") + qualified + " with " + count + " rows";
    }

    private static CsvFormat.RowReader open(Path source, long fileId, char delimiter, String compression) {
        try {
            return CsvFormat.open(source, delimiter, compression);
        }
        catch (IllegalArgumentException ex) {
            throw new ImportException("File " + fileId + ": " + ex.getMessage());
        }
    }

    private static @Nullable List<@Nullable String> next(CsvFormat.RowReader reader, long fileId) {
        try {
            return reader.next();
        }
        catch (IllegalArgumentException ex) {
            throw new ImportException("File " + fileId + ": " + ex.getMessage());
        }
    }

    /** Checks a row's width and the values of its typed columns. */
    private static void check(List<@Nullable String> row, List<SeededTable.Column> columns, String place) {
        if (row.size() != columns.size()) {
            throw new ImportException("The row at " + place + " has " + row.size() + " columns, expected "
                    + columns.size());
        }
        for (int c = 0; c < columns.size(); c++) {
            String value = row.get(c);
            if (value != null && !value.isEmpty() && !fits(value, columns.get(c).sqlType())) {
                throw new ImportException("The value '" + value + "' at " + place + " is not a valid "
                        + columns.get(c).sqlType() + " for column " + columns.get(c).name());
            }
        }
    }

    /** Whether a cell can be stored in a column of this SQL type; types not checked here accept anything. */
    private static boolean fits(String value, String sqlType) {
        String type = sqlType.trim().toUpperCase(Locale.ROOT);
        if (type.matches("(SMALLINT|INT2|INTEGER|INT|INT4|BIGINT|INT8)")) {
            return value.matches("\\s*[-+]?\\d{1,19}\\s*");
        }
        if (type.matches("(NUMERIC|DECIMAL|REAL|FLOAT4|FLOAT8|FLOAT|DOUBLE PRECISION)(\\s*\\(.*\\))?")) {
            return value.matches("\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s*");
        }
        if (type.matches("(BOOLEAN|BOOL)")) {
            return value.trim().matches("(?i)true|false|t|f|yes|no|y|n|1|0");
        }
        if (type.equals("DATE")) {
            return value.trim().matches("\\d{4}-\\d{2}-\\d{2}");
        }
        return true;
    }

    private static List<SeededTable.Column> columns(JsonNode job, @Nullable List<String> headerNames,
            Optional<SeededTable> kept, int firstRowWidth) {
        JsonNode declared = job.path("tableColumns");
        if (kept.isPresent()) {
            return kept.get().columns();
        }
        if (declared.isArray() && !declared.isEmpty()) {
            List<SeededTable.Column> columns = new ArrayList<>();
            for (JsonNode column : declared) {
                String name = column.path("name").asString("");
                if (name.isBlank()) {
                    throw new ImportException("Every entry of tableColumns needs a name");
                }
                columns.add(new SeededTable.Column(name, column.path("sqlType").asString("VARCHAR(65535)")));
            }
            if (headerNames != null && headerNames.size() != columns.size()) {
                throw new ImportException("The header has " + headerNames.size() + " columns but tableColumns names "
                        + columns.size());
            }
            return columns;
        }
        if (headerNames != null) {
            for (int i = 0; i < headerNames.size(); i++) {
                if (headerNames.get(i).isEmpty()) {
                    throw new ImportException("Column " + (i + 1) + " of the header has no name");
                }
            }
            return SeededTable.Column.text(headerNames);
        }
        if (firstRowWidth == 0) {
            throw new ImportException("The file has no rows and no header: the table's columns are unknown");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= firstRowWidth; i++) {
            names.add("column_" + i);
        }
        return SeededTable.Column.text(names);
    }

    /** An import that cannot be done; the message is the run's error text. */
    public static final class ImportException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * @param message what is wrong
         */
        public ImportException(String message) {
            super(message);
        }
    }
}
