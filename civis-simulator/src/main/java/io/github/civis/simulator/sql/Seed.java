package io.github.civis.simulator.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What to put into a simulator before (or while) it runs: databases with tables and rows,
 * storage hosts and credentials. Built in Java or read from JSON (the {@code --seed} file and
 * {@code POST /_simulator/seed}):
 *
 * <pre>{@code
 * {
 *   "databases": [
 *     {"name": "redshift-general",
 *      "tables": [
 *        {"name": "public.people",
 *         "columns": ["id", {"name": "name", "sqlType": "VARCHAR(64)"}],
 *         "rows": [["1", "Ann"], ["2", null]]}
 *      ]}
 *   ],
 *   "storageHosts": [{"name": "exports"}],
 *   "credentials": [{"name": "aws", "type": "Amazon Web Services S3"}]
 * }
 * }</pre>
 *
 * A cell is a string, a number or a boolean (stored as its text), or {@code null} for SQL
 * {@code NULL}; an empty string stays an empty string. The first database is the one the
 * default database credential belongs to.
 */
public final class Seed {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> databases = new ArrayList<>();
    private final List<TableSeed> tables = new ArrayList<>();
    private final List<String> storageHosts = new ArrayList<>();
    private final List<CredentialSeed> credentials = new ArrayList<>();

    /** An empty seed. */
    public Seed() {
    }

    /**
     * Adds a database (no-op when it exists).
     *
     * @param name its name
     * @return this seed
     */
    public Seed database(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A database needs a non-blank name");
        }
        if (databases.stream().noneMatch(name::equalsIgnoreCase)) {
            databases.add(name);
        }
        return this;
    }

    /**
     * Adds a table of text columns with these rows, replacing one of the same name; adds its
     * database when new.
     *
     * @param database the database's name
     * @param qualifiedName {@code schema.table} (parts may be double-quoted)
     * @param columns the column names
     * @param rows the rows, {@code null} cells for SQL {@code NULL}
     * @return this seed
     */
    public Seed table(String database, String qualifiedName, List<String> columns,
            List<? extends List<? extends @Nullable String>> rows) {
        return table(database, qualifiedName, SeededTable.Column.text(columns), TableRows.of(rows));
    }

    /**
     * Adds a table whose rows are generated when read, so that it costs no memory however
     * long: row {@code i} (from 0) is {@code generator.apply(i)}.
     *
     * @param database the database's name
     * @param qualifiedName {@code schema.table}
     * @param columns the column names
     * @param rowCount the number of rows
     * @param generator makes a row from its index
     * @return this seed
     */
    public Seed table(String database, String qualifiedName, List<String> columns, long rowCount,
            LongFunction<? extends List<? extends @Nullable String>> generator) {
        return table(database, qualifiedName, SeededTable.Column.text(columns), TableRows.generated(rowCount, generator));
    }

    /**
     * Adds a table with typed columns.
     *
     * @param database the database's name
     * @param qualifiedName {@code schema.table}
     * @param columns the columns
     * @param rows the rows
     * @return this seed
     */
    public Seed table(String database, String qualifiedName, List<SeededTable.Column> columns, TableRows rows) {
        QualifiedName name = QualifiedName.parse(qualifiedName);
        if (name.schema() == null) {
            throw new IllegalArgumentException("Name the schema of table '" + qualifiedName + "': schema.table");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Table " + qualifiedName + " needs at least one column");
        }
        database(database);
        tables.add(new TableSeed(database, name.schema(), name.table(), List.copyOf(columns), Objects.requireNonNull(rows)));
        return this;
    }

    /**
     * Adds a storage host (an S3 bucket the platform can export to).
     *
     * @param name its name
     * @return this seed
     */
    public Seed storageHost(String name) {
        storageHosts.add(Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * Adds a credential of the first API key's user.
     *
     * @param name its name
     * @param type its type, e.g. {@code Database} or {@code Amazon Web Services S3}
     * @return this seed
     */
    public Seed credential(String name, String type) {
        credentials.add(new CredentialSeed(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type")));
        return this;
    }

    /** The databases, in order. */
    public List<String> databases() {
        return List.copyOf(databases);
    }

    /** The tables, in order. */
    public List<TableSeed> tables() {
        return List.copyOf(tables);
    }

    /** The storage host names. */
    public List<String> storageHosts() {
        return List.copyOf(storageHosts);
    }

    /** The credentials. */
    public List<CredentialSeed> credentials() {
        return List.copyOf(credentials);
    }

    /**
     * Reads a seed file.
     *
     * @param file the JSON file
     * @return the seed
     * @throws IllegalArgumentException when the file is not a valid seed, naming the place
     */
    public static Seed read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, "The seed file " + file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the seed file " + file, ex);
        }
    }

    /**
     * Reads a seed file from the class path, e.g. {@code Seed.readResource("civis-seed.json")} for
     * {@code src/test/resources/civis-seed.json}.
     *
     * @param name the resource's name, without a leading {@code /}
     * @return the seed
     * @throws IllegalArgumentException when there is no such resource or it is not a valid seed
     */
    public static Seed readResource(String name) {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Seed.class.getClassLoader();
        }
        InputStream found = loader.getResourceAsStream(resource);
        if (found == null) {
            throw new IllegalArgumentException("No seed file '" + resource + "' on the class path (put it under "
                    + "src/test/resources/)");
        }
        try (InputStream in = found) {
            return read(in, "The seed file " + resource);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the seed file " + resource, ex);
        }
    }

    /**
     * Reads a seed from a stream of its JSON form.
     *
     * @param in the JSON, read to its end (not closed)
     * @param source what it is, for messages, e.g. {@code The seed file civis-seed.json}
     * @return the seed
     * @throws IllegalArgumentException when it is not a valid seed, naming the source and the place
     */
    public static Seed read(InputStream in, String source) {
        JsonNode json;
        try {
            json = JSON.readTree(in);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException(source + " is not JSON: " + ex.getOriginalMessage(), ex);
        }
        try {
            return read(json);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads a seed from its JSON form (see the class description).
     *
     * @param json the seed
     * @return the seed
     * @throws IllegalArgumentException when it is not a valid seed, naming the place
     */
    public static Seed read(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("A seed is a JSON object with databases, storageHosts and credentials");
        }
        Seed seed = new Seed();
        int d = 0;
        for (JsonNode database : json.path("databases")) {
            String at = "databases[" + d++ + "]";
            String name = text(database, "name", at);
            seed.database(name);
            int t = 0;
            for (JsonNode table : database.path("tables")) {
                String tableAt = at + ".tables[" + t++ + "]";
                String tableName = text(table, "name", tableAt);
                List<SeededTable.Column> columns = new ArrayList<>();
                for (JsonNode column : table.path("columns")) {
                    if (column.isString()) {
                        columns.add(SeededTable.Column.text(column.stringValue()));
                    }
                    else {
                        columns.add(new SeededTable.Column(text(column, "name", tableAt + ".columns"),
                                column.path("sqlType").asString("VARCHAR(65535)")));
                    }
                }
                List<List<@Nullable String>> rows = new ArrayList<>();
                int r = 0;
                for (JsonNode row : table.path("rows")) {
                    String rowAt = tableAt + ".rows[" + r++ + "]";
                    if (!row.isArray() || row.size() != columns.size()) {
                        throw new IllegalArgumentException(rowAt + ": a row is an array of " + columns.size()
                                + " cells, one per column");
                    }
                    List<@Nullable String> cells = new ArrayList<>();
                    row.forEach(cell -> cells.add(cell.isNull() ? null : cell.isValueNode() ? cell.asString() : cell.toString()));
                    rows.add(cells);
                }
                try {
                    seed.table(name, tableName, columns, TableRows.of(rows));
                }
                catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(tableAt + ": " + ex.getMessage(), ex);
                }
            }
        }
        int h = 0;
        for (JsonNode host : json.path("storageHosts")) {
            seed.storageHost(text(host, "name", "storageHosts[" + h++ + "]"));
        }
        int c = 0;
        for (JsonNode credential : json.path("credentials")) {
            String at = "credentials[" + c++ + "]";
            seed.credential(text(credential, "name", at), credential.path("type").asString("Custom"));
        }
        return seed;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw new IllegalArgumentException(at + "." + field + " must be a non-blank string");
        }
        return value.stringValue();
    }

    /**
     * A table to seed.
     *
     * @param database the database's name
     * @param schema the schema
     * @param name the table name
     * @param columns the columns
     * @param rows the rows
     */
    public record TableSeed(String database, String schema, String name, List<SeededTable.Column> columns,
            TableRows rows) {
    }

    /**
     * A credential to seed.
     *
     * @param name its name
     * @param type its type
     */
    public record CredentialSeed(String name, String type) {
    }
}
