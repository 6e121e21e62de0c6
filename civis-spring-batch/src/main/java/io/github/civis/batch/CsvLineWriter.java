package io.github.civis.batch;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes CSV lines as the platform reads them: comma-separated, {@code \n}-terminated, SQL
 * {@code NULL} as an empty unquoted field and an empty string as {@code ""}; a field holding a
 * comma, a quote, a line break or surrounding spaces is quoted, its quotes doubled.
 */
final class CsvLineWriter {

    private CsvLineWriter() {
    }

    static void writeLine(Writer out, List<? extends @Nullable String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i);
            if (cell == null) {
                continue;
            }
            if (needsQuotes(cell)) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            }
            else {
                out.write(cell);
            }
        }
        out.write('\n');
    }

    private static boolean needsQuotes(String cell) {
        if (cell.isEmpty()) {
            return true;
        }
        if (Character.isWhitespace(cell.charAt(0)) || Character.isWhitespace(cell.charAt(cell.length() - 1))) {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
