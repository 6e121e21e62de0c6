package io.github.civis.client.sql;

import java.util.Locale;
import java.util.Objects;

/**
 * How a SQL result is written as CSV (the platform's {@code csvSettings}). Immutable; the
 * defaults are the platform's: a header row, comma-separated, gzip-compressed, quoted.
 *
 * @param includeHeader whether the first line names the columns
 * @param delimiter the column delimiter
 * @param compression the compression of the result file
 * @param filenamePrefix the result file's name prefix, or empty for the platform's
 */
public record ExportOptions(boolean includeHeader, Delimiter delimiter, Compression compression,
        String filenamePrefix) {

    /** Checks the values. */
    public ExportOptions {
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(filenamePrefix, "filenamePrefix");
    }

    /** The platform's defaults: header, comma, gzip. */
    public static ExportOptions defaults() {
        return new ExportOptions(true, Delimiter.COMMA, Compression.GZIP, "");
    }

    /** These options with or without the header row. */
    public ExportOptions withHeader(boolean header) {
        return new ExportOptions(header, delimiter, compression, filenamePrefix);
    }

    /** These options with another delimiter. */
    public ExportOptions withDelimiter(Delimiter newDelimiter) {
        return new ExportOptions(includeHeader, newDelimiter, compression, filenamePrefix);
    }

    /** These options with another compression. */
    public ExportOptions withCompression(Compression newCompression) {
        return new ExportOptions(includeHeader, delimiter, newCompression, filenamePrefix);
    }

    /** These options with a file name prefix. */
    public ExportOptions withFilenamePrefix(String prefix) {
        return new ExportOptions(includeHeader, delimiter, compression, prefix);
    }

    /** A column delimiter the platform writes. */
    public enum Delimiter {
        /** {@code ,} */
        COMMA(','),
        /** a tab */
        TAB('\t'),
        /** {@code |} */
        PIPE('|');

        private final char character;

        Delimiter(char character) {
            this.character = character;
        }

        /** The character. */
        public char character() {
            return character;
        }

        /** The platform's name: {@code comma}, {@code tab} or {@code pipe}. */
        public String platformName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A compression of the result file. */
    public enum Compression {
        /** Plain CSV. */
        NONE,
        /** gzip. */
        GZIP,
        /** A zip archive holding the CSV. */
        ZIP;

        /** The platform's name: {@code none}, {@code gzip} or {@code zip}. */
        public String platformName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
