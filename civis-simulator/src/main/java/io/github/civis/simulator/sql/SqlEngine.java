package io.github.civis.simulator.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The SQL the simulator evaluates over seeded tables: {@code SELECT * FROM schema.table}, or a
 * list of its columns, with an optional {@code LIMIT n} and a trailing semicolon. Other
 * statements are not evaluated here (the caller decides what they do); a query over a table or
 * column that does not exist fails with the message a Postgres-family database gives.
 */
public final class SqlEngine {

    private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[^\\s\";.,]+)";

    private static final Pattern SELECT = Pattern.compile("^\\s*select\\s+(?<columns>.+?)\\s+from\\s+(?<table>"
            + NAME + "(?:\\." + NAME + ")?)(?:\\s+limit\\s+(?<limit>\\d{1,18}))?\\s*;?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final SimulatedDatabases databases;

    /**
     * @param databases the databases queried
     */
    public SqlEngine(SimulatedDatabases databases) {
        this.databases = databases;
    }

    /** Whether a statement is one this engine evaluates (a {@code SELECT … FROM} a table). */
    public static boolean isTableQuery(@Nullable String sql) {
        return sql != null && SELECT.matcher(sql).matches();
    }

    /**
     * Evaluates a query.
     *
     * @param databaseId the database it runs on
     * @param sql the statement
     * @return the result, or empty when the statement is not a table query
     * @throws SqlException when it refers to a database, table or column that does not exist
     */
    public Optional<Result> select(long databaseId, String sql) {
        return select(databaseId, sql, Long.MAX_VALUE);
    }

    /**
     * Evaluates a query, reading at most some rows (a preview's).
     *
     * @param databaseId the database it runs on
     * @param sql the statement
     * @param maxRows the most rows to read, whatever the statement's {@code LIMIT}
     * @return the result, or empty when the statement is not a table query
     * @throws SqlException when it refers to a database, table or column that does not exist
     */
    public Optional<Result> select(long databaseId, String sql, long maxRows) {
        Matcher matcher = SELECT.matcher(sql);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        if (databases.database(databaseId).isEmpty()) {
            throw new SqlException("database " + databaseId + " does not exist");
        }
        String tableText = matcher.group("table");
        QualifiedName name;
        try {
            name = QualifiedName.parse(tableText);
        }
        catch (IllegalArgumentException ex) {
            throw new SqlException("syntax error at or near \"" + tableText + "\"");
        }
        String schema = (name.schema() != null) ? name.schema() : "public";
        SeededTable table = databases.table(databaseId, schema, name.table())
            .orElseThrow(() -> new SqlException("relation \"" + schema + "." + name.table() + "\" does not exist"));
        List<Integer> picked = columns(matcher.group("columns").trim(), table);
        List<String> names = new ArrayList<>();
        picked.forEach(i -> names.add(table.columns().get(i).name()));
        long limit = Math.min(maxRows,
                (matcher.group("limit") != null) ? Long.parseLong(matcher.group("limit")) : Long.MAX_VALUE);
        return Optional.of(new Result(names, project(table.rows(), picked, limit)));
    }

    private static List<Integer> columns(String text, SeededTable table) {
        List<Integer> picked = new ArrayList<>();
        if (text.equals("*")) {
            for (int i = 0; i < table.columns().size(); i++) {
                picked.add(i);
            }
            return picked;
        }
        List<@Nullable String> requested = CsvFormat.splitQuoted(text.replaceAll("\\s*,\\s*", ","), ',');
        if (requested.isEmpty()) {
            throw new SqlException("syntax error at or near \"" + text + "\"");
        }
        for (String column : requested) {
            if (column == null) {
                throw new SqlException("syntax error at or near \",\"");
            }
            int index = -1;
            for (int i = 0; i < table.columns().size(); i++) {
                if (table.columns().get(i).name().equalsIgnoreCase(column.trim())) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                throw new SqlException("column \"" + column.trim() + "\" does not exist");
            }
            picked.add(index);
        }
        return picked;
    }

    private static Iterable<List<@Nullable String>> project(TableRows rows, List<Integer> picked, long limit) {
        return () -> new Iterator<>() {
            private final Iterator<List<@Nullable String>> source = rows.iterator();
            private long served;

            @Override
            public boolean hasNext() {
                if (served >= limit) {
                    // Rows kept on disk hold their file open until read to the end: stop reading.
                    if (source instanceof AutoCloseable closeable) {
                        try {
                            closeable.close();
                        }
                        catch (Exception ex) {
                            // nothing more is read
                        }
                    }
                    return false;
                }
                return source.hasNext();
            }

            @Override
            public List<@Nullable String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                served++;
                List<@Nullable String> row = source.next();
                List<@Nullable String> out = new ArrayList<>(picked.size());
                for (int i : picked) {
                    out.add((i < row.size()) ? row.get(i) : null);
                }
                return out;
            }
        };
    }

    /**
     * A query's result, read lazily from the table as it was when the query ran.
     *
     * @param columns the column names
     * @param rows the rows
     */
    public record Result(List<String> columns, Iterable<List<@Nullable String>> rows) {
    }

    /** A statement that cannot run; the message is the database's error text. */
    public static final class SqlException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * @param message the database's error text, without the {@code ERROR:} prefix
         */
        public SqlException(String message) {
            super(message);
        }

        /** The error as the platform reports it, {@code ERROR:  …}. */
        public String platformMessage() {
            return "ERROR:  " + getMessage();
        }
    }
}
