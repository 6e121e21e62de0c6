package io.github.civis.batch;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Rows whose values CSV gets wrong easily: commas, quotes, line breaks, spaces, empty strings and NULLs. */
final class TrickyRows {

    static final List<String> COLUMNS = List.of("id", "text", "note");

    private TrickyRows() {
    }

    static List<@Nullable String> row(long i) {
        String text = switch ((int) (i % 8)) {
            case 0 -> "plain " + i;
            case 1 -> "comma, " + i;
            case 2 -> "quote \"" + i + "\" end";
            case 3 -> "line\nbreak " + i;
            case 4 -> "";
            case 5 -> null;
            case 6 -> " spaces " + i + " ";
            default -> "ünïcödé, \"\"\r\n" + i;
        };
        String note = switch ((int) (i % 3)) {
            case 0 -> null;
            case 1 -> "";
            default -> "n" + i;
        };
        return Arrays.asList(String.valueOf(i), text, note);
    }
}
