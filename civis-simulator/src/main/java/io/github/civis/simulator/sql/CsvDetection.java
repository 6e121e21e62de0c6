package io.github.civis.simulator.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a CSV preprocessing job ({@code POST /files/preprocess/csv}) detects in a file, as the
 * platform reports it in a file's {@code detectedInfo}: its compression, column delimiter,
 * whether the first row is a header, and the columns with SQL types that the file's values fit.
 *
 * <p>The delimiter is the one of comma, tab and pipe that splits every line into the same
 * number of columns, the most of them; the first row is a header when its cells are distinct
 * names none of which reads as a number, date or boolean. Types, from the narrowest that every
 * non-empty value of the column fits: {@code INTEGER}, {@code BIGINT}, {@code DOUBLE PRECISION},
 * {@code BOOLEAN}, {@code DATE}, {@code TIMESTAMP}, else {@code VARCHAR(n)} with {@code n} the
 * longest value in bytes.
 *
 * @param compression {@code gzip} or {@code none}
 * @param columnDelimiter {@code comma}, {@code tab} or {@code pipe}
 * @param includeHeader whether the first row names the columns
 * @param columns the columns, named by the header or {@code column_1}, {@code column_2}, …
 */
public record CsvDetection(String compression, String columnDelimiter, boolean includeHeader,
        List<SeededTable.Column> columns) {

    private static final String[] DELIMITER_NAMES = { "comma", "tab", "pipe" };

    private static final int SAMPLE_LINES = 100;

    /**
     * Reads a file as a preprocessing job does.
     *
     * @param bytes the file's content
     * @param delimiterName the job's {@code columnDelimiter}, or {@code null} to detect it
     * @param header the job's {@code includeHeader}, or {@code null} to detect it
     * @return what was detected
     * @throws CsvImports.ImportException when the file cannot be read as CSV, naming why
     */
    public static CsvDetection detect(byte[] bytes, @Nullable String delimiterName, @Nullable Boolean header) {
        boolean gzip = bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        String name;
        try {
            name = (delimiterName != null) ? nameOf(CsvFormat.delimiter(delimiterName)) : detectDelimiter(bytes, gzip);
        }
        catch (IllegalArgumentException ex) {
            throw new CsvImports.ImportException(ex.getMessage());
        }
        List<List<@Nullable String>> rows;
        try {
            rows = CsvFormat.read(bytes, CsvFormat.delimiter(name), gzip ? "gzip" : "none");
        }
        catch (IllegalArgumentException ex) {
            throw new CsvImports.ImportException(ex.getMessage());
        }
        if (rows.isEmpty()) {
            throw new CsvImports.ImportException("The file is empty: there is nothing to detect");
        }
        boolean hasHeader = (header != null) ? header : looksLikeHeader(rows.get(0));
        List<List<@Nullable String>> data = hasHeader ? rows.subList(1, rows.size()) : rows;
        int width = rows.get(0).size();
        List<SeededTable.Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            String header0 = rows.get(0).get(c);
            String column = (hasHeader && header0 != null && !header0.isBlank()) ? header0.trim() : "column_" + (c + 1);
            columns.add(new SeededTable.Column(column, sqlType(data, c)));
        }
        return new CsvDetection(gzip ? "gzip" : "none", name, hasHeader, List.copyOf(columns));
    }

    private static String detectDelimiter(byte[] bytes, boolean gzip) {
        String text;
        if (gzip) {
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            catch (java.io.IOException ex) {
                throw new CsvImports.ImportException("The file is not valid gzip: " + ex.getMessage());
            }
        }
        else {
            text = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\r?\n", SAMPLE_LINES + 1);
        String best = "comma";
        int bestColumns = 1;
        for (String candidate : DELIMITER_NAMES) {
            char delimiter = CsvFormat.delimiter(candidate);
            int columns = -1;
            boolean consistent = true;
            for (int i = 0; i < Math.min(lines.length, SAMPLE_LINES) && consistent; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                int count = CsvFormat.splitQuoted(lines[i], delimiter).size();
                consistent = columns < 0 || columns == count;
                columns = count;
            }
            if (consistent && columns > bestColumns) {
                best = candidate;
                bestColumns = columns;
            }
        }
        return best;
    }

    private static String nameOf(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "tab";
            case '|' -> "pipe";
            default -> "comma";
        };
    }

    private static boolean looksLikeHeader(List<@Nullable String> first) {
        Set<String> names = new HashSet<>();
        for (String cell : first) {
            if (cell == null || cell.isBlank() || !type(cell.trim()).equals("text") || !names.add(cell.trim())) {
                return false;
            }
        }
        return true;
    }

    private static String sqlType(List<List<@Nullable String>> rows, int column) {
        String type = null;
        int longest = 1;
        for (List<@Nullable String> row : rows) {
            String cell = (column < row.size()) ? row.get(column) : null;
            if (cell == null || cell.isEmpty()) {
                continue;
            }
            longest = Math.max(longest, cell.getBytes(StandardCharsets.UTF_8).length);
            type = widen(type, type(cell.trim()));
        }
        if (type == null || type.equals("text")) {
            return "VARCHAR(" + longest + ")";
        }
        return type;
    }

    private static String type(String value) {
        if (value.matches("[-+]?\\d{1,18}")) {
            long number = Long.parseLong(value);
            return (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) ? "INTEGER" : "BIGINT";
        }
        if (value.matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
            return "DOUBLE PRECISION";
        }
        if (value.matches("(?i)true|false")) {
            return "BOOLEAN";
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return "DATE";
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
            return "TIMESTAMP";
        }
        return "text";
    }

    /** The narrowest type both a column so far and a new value fit. */
    private static String widen(@Nullable String so, String value) {
        if (so == null || so.equals(value)) {
            return value;
        }
        List<String> numbers = List.of("INTEGER", "BIGINT", "DOUBLE PRECISION");
        if (numbers.contains(so) && numbers.contains(value)) {
            return numbers.get(Math.max(numbers.indexOf(so), numbers.indexOf(value)));
        }
        if (Set.of(so, value).equals(Set.of("DATE", "TIMESTAMP"))) {
            return "TIMESTAMP";
        }
        return "text";
    }
}
