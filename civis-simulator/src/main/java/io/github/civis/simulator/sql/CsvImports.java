package io.github.civis.simulator.sql;

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
 * extends the destination table according to {@code existingTableRows}. Everything is checked
 * before the table is touched, so a failed import leaves the table as it was.
 */
public final class CsvImports {

    private final SimulatedDatabases databases;
    private final LongFunction<Optional<byte[]>> fileContent;

    /**
     * @param databases the databases imported into
     * @param fileContent the bytes of a stored file by id
     */
    public CsvImports(SimulatedDatabases databases, LongFunction<Optional<byte[]>> fileContent) {
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

        List<String> headerNames = null;
        List<List<@Nullable String>> rows = new ArrayList<>();
        List<String> rowPlaces = new ArrayList<>();
        JsonNode fileIds = job.path("source").path("fileIds");
        if (!fileIds.isArray() || fileIds.isEmpty()) {
            throw new ImportException("The source names no file: give source.fileIds");
        }
        for (JsonNode fileIdNode : fileIds) {
            long fileId = fileIdNode.asLong();
            byte[] bytes = fileContent.apply(fileId)
                .orElseThrow(() -> new ImportException("File " + fileId + " has no content to import"));
            List<List<@Nullable String>> fileRows;
            try {
                fileRows = CsvFormat.read(bytes, delimiter, compression);
            }
            catch (IllegalArgumentException ex) {
                throw new ImportException("File " + fileId + ": " + ex.getMessage());
            }
            int line = 0;
            for (List<@Nullable String> row : fileRows) {
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
                rows.add(row);
                rowPlaces.add("line " + line + " of file " + fileId);
            }
        }

        Optional<SeededTable> existing = databases.table(database.id(), schema, tableName);
        if (existing.isPresent() && mode.equals("fail")) {
            throw new ImportException("Table " + qualified + " already exists and existingTableRows is fail");
        }
        List<SeededTable.Column> columns = columns(job, headerNames, existing.filter(t -> !mode.equals("drop")),
                rows.isEmpty() ? 0 : rows.get(0).size());
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != columns.size()) {
                throw new ImportException("The row at " + rowPlaces.get(i) + " has " + rows.get(i).size()
                        + " columns, expected " + columns.size());
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < columns.size(); c++) {
                String value = rows.get(i).get(c);
                if (value != null && !value.isEmpty() && !fits(value, columns.get(c).sqlType())) {
                    throw new ImportException("The value '" + value + "' at " + rowPlaces.get(i) + " is not a valid "
                            + columns.get(c).sqlType() + " for column " + columns.get(c).name());
                }
            }
        }
        TableRows imported = TableRows.of(rows);
        if (existing.isPresent() && mode.equals("append")) {
            databases.replaceRows(existing.get(), existing.get().rows().append(imported));
            return "Appended " + rows.size() + " rows to " + qualified;
        }
        if (existing.isPresent() && mode.equals("truncate")) {
            databases.replaceRows(existing.get(), imported);
            return "Truncated " + qualified + " and loaded " + rows.size() + " rows";
        }
        databases.putTable(database.id(), schema, tableName, columns, imported);
        return (existing.isPresent() ? "Replaced " : "Created ") + qualified + " with " + rows.size() + " rows";
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
