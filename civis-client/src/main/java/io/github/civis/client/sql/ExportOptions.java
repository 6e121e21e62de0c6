package io.github.civis.client.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a SQL result is written as CSV (the platform's {@code csvSettings}). Immutable; the
 * defaults are the platform's: a header row, comma-separated, gzip-compressed, quoted.
 *
 * @param includeHeader whether the first line names the columns
 * @param delimiter the column delimiter
 * @param compression the compression of the result file
 * @param filenamePrefix the result file's name prefix, or empty for the platform's
 * @param parameters values for the statement's {@code {{name}}} placeholders, see {@link SqlParameter}
 */
public record ExportOptions(boolean includeHeader, Delimiter delimiter, Compression compression,
        String filenamePrefix, List<SqlParameter> parameters) {

    /** Checks the values; parameter names must be distinct. */
    public ExportOptions {
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(filenamePrefix, "filenamePrefix");
        parameters = List.copyOf(parameters);
        Set<String> names = new HashSet<>();
        for (SqlParameter parameter : parameters) {
            if (!names.add(parameter.name())) {
                throw new IllegalArgumentException("SQL parameter '" + parameter.name() + "' is given twice");
            }
        }
    }

    /**
     * Options without SQL parameters.
     * @param includeHeader whether the first line names the columns
     * @param delimiter the column delimiter
     * @param compression the compression of the result file
     * @param filenamePrefix the result file's name prefix, or empty for the platform's
     */
    public ExportOptions(boolean includeHeader, Delimiter delimiter, Compression compression, String filenamePrefix) {
        this(includeHeader, delimiter, compression, filenamePrefix, List.of());
    }

    /** The platform's defaults: header, comma, gzip, no parameters. */
    public static ExportOptions defaults() {
        return new ExportOptions(true, Delimiter.COMMA, Compression.GZIP, "", List.of());
    }

    /** These options with or without the header row. */
    public ExportOptions withHeader(boolean header) {
        return new ExportOptions(header, delimiter, compression, filenamePrefix, parameters);
    }

    /** These options with another delimiter. */
    public ExportOptions withDelimiter(Delimiter newDelimiter) {
        return new ExportOptions(includeHeader, newDelimiter, compression, filenamePrefix, parameters);
    }

    /** These options with another compression. */
    public ExportOptions withCompression(Compression newCompression) {
        return new ExportOptions(includeHeader, delimiter, newCompression, filenamePrefix, parameters);
    }

    /** These options with a file name prefix. */
    public ExportOptions withFilenamePrefix(String prefix) {
        return new ExportOptions(includeHeader, delimiter, compression, prefix, parameters);
    }

    /**
     * These options with one more SQL parameter, for a {@code {{name}}} placeholder of the statement.
     * @param parameter the parameter; its name must not be given already
     * @return the options
     */
    public ExportOptions withParameter(SqlParameter parameter) {
        List<SqlParameter> more = new ArrayList<>(parameters);
        more.add(Objects.requireNonNull(parameter, "parameter"));
        return new ExportOptions(includeHeader, delimiter, compression, filenamePrefix, more);
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
