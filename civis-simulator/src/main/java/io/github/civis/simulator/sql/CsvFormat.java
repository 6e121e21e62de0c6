package io.github.civis.simulator.sql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * CSV as the platform writes and reads it: UTF-8, fields quoted when they need it, a quote
 * doubled inside quotes, lines ended by {@code \n}; SQL {@code NULL} is an empty unquoted field
 * and an empty string is {@code ""}. The delimiter and compression are the platform's options
 * ({@code comma}/{@code tab}/{@code pipe}, {@code none}/{@code gzip}/{@code zip}).
 */
public final class CsvFormat {

    // Strict checking quotes only the fields that need it (without it, any character below the
    // delimiter would force quotes); empty strings are then written as "" by hand.
    private static final CsvMapper WRITER = CsvMapper.builder()
        .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
        .build();

    private static final CsvMapper READER = CsvMapper.builder()
        .enable(CsvReadFeature.WRAP_AS_ARRAY)
        .enable(CsvReadFeature.EMPTY_UNQUOTED_STRING_AS_NULL)
        .build();

    private CsvFormat() {
    }

    /**
     * The character a platform delimiter name stands for.
     *
     * @param name {@code comma}, {@code tab} or {@code pipe} (a single character is taken as is); {@code null} for comma
     * @return the character
     * @throws IllegalArgumentException for another name
     */
    public static char delimiter(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return ',';
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "comma", "," -> ',';
            case "tab", "\t" -> '\t';
            case "pipe", "|" -> '|';
            default -> throw new IllegalArgumentException("Unknown column delimiter '" + name
                    + "': use comma, tab or pipe");
        };
    }

    /**
     * Writes rows as CSV.
     *
     * @param out where to write (not closed)
     * @param columns the column names, the header
     * @param rows the rows
     * @param settings the export options
     */
    public static void write(OutputStream out, List<String> columns, Iterable<List<@Nullable String>> rows,
            ExportSettings settings) {
        try {
            switch (settings.compression()) {
                case "gzip" -> {
                    GZIPOutputStream gzip = new GZIPOutputStream(nonClosing(out), 64 * 1024);
                    writePlain(gzip, columns, rows, settings);
                    gzip.finish();
                }
                case "zip" -> {
                    ZipOutputStream zip = new ZipOutputStream(nonClosing(out), StandardCharsets.UTF_8);
                    zip.putNextEntry(new ZipEntry(settings.fileName().replaceFirst("\\.zip$", "")));
                    writePlain(zip, columns, rows, settings);
                    zip.closeEntry();
                    zip.finish();
                }
                default -> writePlain(out, columns, rows, settings);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void writePlain(OutputStream out, List<String> columns, Iterable<List<@Nullable String>> rows,
            ExportSettings settings) {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        CsvSchema csv = schema.setUseHeader(settings.includeHeader())
            .setColumnSeparator(settings.delimiter())
            .setLineSeparator("\n")
            .build();
        if (settings.unquoted()) {
            csv = csv.withoutQuoteChar();
        }
        Writer writer = new java.io.OutputStreamWriter(nonClosing(out), StandardCharsets.UTF_8);
        try (JsonGenerator generator = WRITER.writer(csv).createGenerator(writer)) {
            for (List<@Nullable String> row : rows) {
                generator.writeStartArray();
                for (int i = 0; i < columns.size(); i++) {
                    String cell = (i < row.size()) ? row.get(i) : null;
                    if (cell == null) {
                        generator.writeNull();
                    }
                    else if (cell.isEmpty() && !settings.unquoted()) {
                        generator.writeRawValue("\"\"");
                    }
                    else {
                        generator.writeString(cell);
                    }
                }
                generator.writeEndArray();
            }
        }
    }

    /**
     * Reads CSV bytes, decompressing gzip when asked (or when the bytes are gzip).
     *
     * @param bytes the file content
     * @param delimiter the column delimiter
     * @param compression {@code none} or {@code gzip}
     * @return the rows, the header included when there is one
     * @throws IllegalArgumentException when the CSV cannot be read, with the place
     */
    public static List<List<@Nullable String>> read(byte[] bytes, char delimiter, String compression) {
        List<List<@Nullable String>> rows = new ArrayList<>();
        try (RowReader reader = open(new ByteArrayInputStream(bytes), delimiter, compression)) {
            for (List<@Nullable String> row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Opens a CSV file to read one row at a time, decompressing gzip when asked (or when the
     * file is gzip): a file of any size costs no more memory than its longest row.
     *
     * @param file the file
     * @param delimiter the column delimiter
     * @param compression {@code none} or {@code gzip}
     * @return the reader, to close
     * @throws IllegalArgumentException when the file is not valid gzip
     * @throws UncheckedIOException when the file cannot be read
     */
    public static RowReader open(java.nio.file.Path file, char delimiter, String compression) {
        try {
            return open(java.nio.file.Files.newInputStream(file), delimiter, compression);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static RowReader open(InputStream raw, char delimiter, String compression) {
        InputStream in = new java.io.BufferedInputStream(raw, 64 * 1024);
        boolean gzip = "gzip".equalsIgnoreCase(compression);
        try {
            if (!gzip) {
                in.mark(2);
                gzip = in.read() == 0x1f && in.read() == 0x8b;
                in.reset();
            }
            if (gzip) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
        }
        catch (IOException ex) {
            closeQuietly(in);
            throw new IllegalArgumentException("The file is not valid gzip: " + ex.getMessage(), ex);
        }
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
        try {
            return new RowReader(in, READER.readerForArrayOf(String.class).with(schema).readValues(reader), gzip);
        }
        catch (JacksonException ex) {
            closeQuietly(in);
            throw new IllegalArgumentException("Malformed CSV at line 1: " + ex.getOriginalMessage(), ex);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        }
        catch (IOException ex) {
            // nothing more to read
        }
    }

    /** The rows of a CSV file, read one at a time. */
    public static final class RowReader implements AutoCloseable {

        private final InputStream in;
        private final MappingIterator<String[]> values;
        private final boolean gzip;
        private long rows;

        private RowReader(InputStream in, MappingIterator<String[]> values, boolean gzip) {
            this.in = in;
            this.values = values;
            this.gzip = gzip;
        }

        /**
         * The next row, the header included when there is one.
         *
         * @return the row's cells ({@code null} for an empty unquoted one), or {@code null} at the end
         * @throws IllegalArgumentException when the CSV (or its compression) is broken, with the place
         */
        public @Nullable List<@Nullable String> next() {
            try {
                if (!values.hasNextValue()) {
                    return null;
                }
                List<@Nullable String> row = Collections.unmodifiableList(Arrays.asList(values.nextValue()));
                rows++;
                return row;
            }
            catch (JacksonException ex) {
                if (ex.getCause() instanceof IOException io && gzip) {
                    throw new IllegalArgumentException("The file is not valid gzip: " + io.getMessage(), ex);
                }
                throw new IllegalArgumentException("Malformed CSV at line " + (rows + 1) + ": "
                        + ex.getOriginalMessage(), ex);
            }
            catch (UncheckedIOException ex) {
                throw new IllegalArgumentException("The file is not valid " + (gzip ? "gzip" : "CSV") + ": "
                        + ex.getCause().getMessage(), ex);
            }
        }

        @Override
        public void close() {
            values.close();
            closeQuietly(in);
        }
    }

    private static List<List<@Nullable String>> read(Reader reader, char delimiter) {
        List<List<@Nullable String>> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        try (MappingIterator<String[]> values = READER.readerForArrayOf(String.class).with(schema).readValues(reader)) {
            while (values.hasNextValue()) {
                rows.add(Collections.unmodifiableList(Arrays.asList(values.nextValue())));
            }
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("Malformed CSV at line " + (rows.size() + 1) + ": "
                    + ex.getOriginalMessage(), ex);
        }
        return rows;
    }

    /**
     * Splits one line on a separator outside double quotes, as the platform splits
     * {@code schema.table}.
     *
     * @param text the text
     * @param separator the separator
     * @return the parts; an empty unquoted part is {@code null}
     */
    public static List<@Nullable String> splitQuoted(String text, char separator) {
        if (text.isBlank() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return List.of();
        }
        List<List<@Nullable String>> lines;
        try {
            lines = read(new StringReader(text), separator);
        }
        catch (IllegalArgumentException ex) {
            return List.of();
        }
        return lines.size() == 1 ? lines.get(0) : List.of();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /**
     * The options of a CSV result.
     *
     * @param includeHeader whether the first line names the columns
     * @param delimiter the column delimiter
     * @param compression {@code none}, {@code gzip} or {@code zip}
     * @param unquoted whether fields are never quoted
     * @param fileName the result file's name
     */
    public record ExportSettings(boolean includeHeader, char delimiter, String compression, boolean unquoted,
            String fileName) {

        /**
         * Reads the platform's {@code csvSettings} (or a query's own fields), with its defaults:
         * header, comma, gzip, quoted.
         *
         * @param settings the settings object, possibly missing
         * @return the options
         * @throws IllegalArgumentException for an unknown delimiter or compression
         */
        public static ExportSettings from(tools.jackson.databind.JsonNode settings) {
            boolean header = !settings.path("includeHeader").isBoolean() || settings.get("includeHeader").asBoolean();
            char delimiter = CsvFormat.delimiter(settings.path("columnDelimiter").isString()
                    ? settings.get("columnDelimiter").stringValue() : null);
            String compression = settings.path("compression").isString()
                    ? settings.get("compression").stringValue().toLowerCase(Locale.ROOT) : "gzip";
            if (!List.of("none", "gzip", "zip").contains(compression)) {
                throw new IllegalArgumentException("Unknown compression '" + compression + "': use none, gzip or zip");
            }
            boolean unquoted = settings.path("unquoted").asBoolean(false);
            String prefix = settings.path("filenamePrefix").isString() && !settings.get("filenamePrefix").stringValue().isBlank()
                    ? settings.get("filenamePrefix").stringValue() : "output";
            String name = prefix + ".csv" + switch (compression) {
                case "gzip" -> ".gz";
                case "zip" -> ".zip";
                default -> "";
            };
            return new ExportSettings(header, delimiter, compression, unquoted, name);
        }
    }
}
