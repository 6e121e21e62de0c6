package io.github.civis.client.sql;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads CSV as the platform writes it, row by row as the bytes arrive: gzip and zip are
 * recognised by their first bytes and decompressed on the fly, quoted fields may hold
 * delimiters, quotes and newlines, an empty unquoted field is SQL {@code NULL}. Nothing is held
 * beyond the row being read.
 *
 * <p>What does not read as the platform writes fails with an {@link IllegalStateException}
 * naming the line, rather than being read as something else:
 * <ul>
 * <li>a row with more or fewer fields than the header has columns (or, without a header, than
 *     the first row has fields);</li>
 * <li>a result cut off: the platform ends every line, the last one included, with a line end,
 *     so a result whose last line has none, or that ends inside a quoted field, was cut off. (A
 *     cut exactly at a line end cannot be seen here; the download checks the size.)</li>
 * </ul>
 * A leading byte-order mark is dropped. A zip's files are read in order, each with a header
 * of its own when the result has headers, which must be the first file's.
 */
public final class CsvRows {

    private static final CsvMapper CSV = CsvMapper.builder()
        .enable(CsvReadFeature.WRAP_AS_ARRAY)
        .enable(CsvReadFeature.EMPTY_UNQUOTED_STRING_AS_NULL)
        .build();

    private CsvRows() {
    }

    /**
     * The rows of a CSV stream, lazily. The stream holds {@code input} open until it is closed:
     * use it in try-with-resources.
     *
     * @param input the bytes, plain, gzip or zip (closed with the stream)
     * @param delimiter the column delimiter
     * @param header whether the first line names the columns (else they are {@code column_1 …})
     * @return the rows
     */
    public static Stream<CsvRow> read(InputStream input, char delimiter, boolean header) {
        Iterator<CsvRow> rows;
        try {
            rows = iterator(input, delimiter, header);
        }
        catch (RuntimeException | Error ex) {
            // Not yet a stream whose close would release the download: release it here.
            try {
                input.close();
            }
            catch (IOException closing) {
                ex.addSuppressed(closing);
            }
            throw ex;
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
                false)
            .onClose(() -> close(input));
    }

    /**
     * The rows of several sources one after the other, each opened only when the one before it
     * is read to its end and closed then. Unlike {@code flatMap}, whose iterator and
     * {@code tryAdvance} (what {@code Flux.fromStream} and every pulling consumer use) collect
     * a whole inner stream in memory before handing out its first element, this reads no
     * further ahead when pulled than when pushed. Closing the stream closes the open source.
     *
     * @param sources the sources, in order, each opened when reached
     * @return the rows
     */
    static Stream<CsvRow> concatenated(List<Supplier<Stream<CsvRow>>> sources) {
        ConcatenatedRows rows = new ConcatenatedRows(List.copyOf(sources));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
                false)
            .onClose(rows::close);
    }

    /** The iterator behind {@link #concatenated}: one open source at a time. */
    private static final class ConcatenatedRows implements Iterator<CsvRow> {

        private final List<Supplier<Stream<CsvRow>>> sources;
        private int opened;
        private @Nullable Stream<CsvRow> current;
        private Iterator<CsvRow> rows = Collections.emptyIterator();

        ConcatenatedRows(List<Supplier<Stream<CsvRow>>> sources) {
            this.sources = sources;
        }

        @Override
        public boolean hasNext() {
            while (!rows.hasNext()) {
                close();
                if (opened >= sources.size()) {
                    return false;
                }
                Stream<CsvRow> next = sources.get(opened++).get();
                current = next;
                rows = next.iterator();
            }
            return true;
        }

        @Override
        public CsvRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return rows.next();
        }

        void close() {
            Stream<CsvRow> open = current;
            current = null;
            rows = Collections.emptyIterator();
            if (open != null) {
                open.close();
            }
        }
    }

    private static Iterator<CsvRow> iterator(InputStream raw, char delimiter, boolean header) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
            return switch (compression(in)) {
                case GZIP -> new DocumentRows(new GZIPInputStream(in, 64 * 1024), delimiter, header, "", null, 0);
                case ZIP -> {
                    ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
                    yield new ZipRows(zip, firstFile(zip), delimiter, header);
                }
                case NONE -> new DocumentRows(in, delimiter, header, "", null, 0);
            };
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the CSV result", ex);
        }
    }

    /**
     * The rows of one CSV document (a file, or one entry of a zip), checked as they are read:
     * every row has as many fields as the header (or the first row), and the document ends with
     * a line end, as the platform writes it; otherwise the row's line is named in the error.
     */
    private static final class DocumentRows implements Iterator<CsvRow> {

        private final MappingIterator<String[]> values;
        private final LineEndReader text;
        private final boolean header;
        private final String where;
        private final CsvRow.@Nullable Header expectedHeader;
        private CsvRow.@Nullable Header columns;
        private long number;
        /** The line the next row starts on, from 1. */
        private int line = 1;

        /**
         * @param plain the document's bytes (not closed here)
         * @param where where the document is, for messages: empty, or {@code  of zip entry 'x'}
         * @param expectedHeader the header this document must have (the first zip entry's), or {@code null}
         * @param numbered how many rows came before this document
         */
        DocumentRows(InputStream plain, char delimiter, boolean header, String where,
                CsvRow.@Nullable Header expectedHeader, long numbered) {
            this.text = new LineEndReader(new InputStreamReader(plain, StandardCharsets.UTF_8));
            this.header = header;
            this.where = where;
            this.expectedHeader = expectedHeader;
            this.columns = header ? null : expectedHeader;
            this.number = numbered;
            this.values = CSV.readerForArrayOf(String.class)
                .with(CsvSchema.emptySchema().withColumnSeparator(delimiter))
                .readValues(text);
        }

        @Override
        public boolean hasNext() {
            if (columns == null && header) {
                String[] names = nextCells();
                if (names == null) {
                    return false;
                }
                List<String> named = new ArrayList<>();
                for (String name : names) {
                    named.add((name != null) ? name : "");
                }
                CsvRow.Header read = new CsvRow.Header(named);
                if (expectedHeader != null && !expectedHeader.names().equals(read.names())) {
                    throw malformed(1, "its header " + read.names() + " differs from the first entry's "
                            + expectedHeader.names());
                }
                columns = read;
            }
            try {
                return values.hasNextValue();
            }
            catch (JacksonException ex) {
                throw malformed(line, describe(ex));
            }
        }

        @Override
        public CsvRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int rowLine = line;
            String[] cells = nextCells();
            if (cells == null) {
                throw new NoSuchElementException();
            }
            if (columns == null) {
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= cells.length; i++) {
                    names.add("column_" + i);
                }
                columns = new CsvRow.Header(names);
            }
            else if (cells.length != columns.names().size()) {
                throw malformed(rowLine, "the row has " + fields(cells.length) + " where "
                        + (header ? "the header has " + columns.names().size() + " columns"
                                : "the first row has " + columns.names().size()));
            }
            number++;
            return new CsvRow(columns, Arrays.asList(cells), number);
        }

        /** The next row's cells, or {@code null} at the end; a row cut off by the end is an error. */
        private String @Nullable [] nextCells() {
            int rowLine = line;
            String[] cells;
            try {
                if (!values.hasNextValue()) {
                    return null;
                }
                cells = values.nextValue();
            }
            catch (JacksonException ex) {
                throw malformed(rowLine, describe(ex));
            }
            line = values.parser().currentLocation().getLineNr();
            // A row is the last when the parser finds nothing after it; then the text must have
            // ended with a line end, or the transfer stopped inside the row.
            boolean last;
            try {
                last = !values.hasNextValue();
            }
            catch (JacksonException ex) {
                throw malformed(line, describe(ex));
            }
            if (last && !text.endedWithLineEnd()) {
                throw malformed(rowLine, "the result ends inside this line, without the line end the platform"
                        + " writes after every line (it was cut off)");
            }
            return cells;
        }

        private static String describe(JacksonException ex) {
            String message = String.valueOf(ex.getOriginalMessage());
            return message.startsWith("Missing closing quote")
                    ? "a quoted field is not closed (the result was cut off or is not CSV)"
                    : message;
        }

        private static String fields(int count) {
            return count + ((count == 1) ? " field" : " fields");
        }

        private IllegalStateException malformed(int atLine, String why) {
            return new IllegalStateException("Malformed CSV result at line " + Math.max(1, atLine) + where + ": " + why);
        }

        CsvRow.@Nullable Header columns() {
            return columns;
        }

        long number() {
            return number;
        }
    }

    /** Every entry of a zip result in order, each a CSV document with the first one's header. */
    private static final class ZipRows implements Iterator<CsvRow> {

        private final ZipInputStream zip;
        private final char delimiter;
        private final boolean header;
        private DocumentRows current;

        ZipRows(ZipInputStream zip, ZipEntry first, char delimiter, boolean header) {
            this.zip = zip;
            this.delimiter = delimiter;
            this.header = header;
            this.current = entry(first, null, 0);
        }

        private DocumentRows entry(ZipEntry entry, CsvRow.@Nullable Header expected, long numbered) {
            return new DocumentRows(nonClosing(zip), delimiter, header, " of zip entry '" + entry.getName() + "'",
                    expected, numbered);
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                ZipEntry next;
                try {
                    next = nextFile(zip);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException("Cannot read the zip result", ex);
                }
                if (next == null) {
                    return false;
                }
                current = entry(next, current.columns(), current.number());
            }
            return true;
        }

        @Override
        public CsvRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    /**
     * A reader that drops a leading byte-order mark (the platform's files have none, but a file
     * saved by a spreadsheet has one, and it would stick to the first column's name) and notes
     * whether the text ended with a line end.
     */
    private static final class LineEndReader extends FilterReader {

        private boolean started;
        private int last = -1;

        LineEndReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return (read(one, 0, 1) < 0) ? -1 : one[0];
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && !started) {
                started = true;
                if (buffer[offset] == '\uFEFF') {
                    System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                    n--;
                    if (n == 0) {
                        return read(buffer, offset, length);
                    }
                }
            }
            if (n > 0) {
                last = buffer[offset + n - 1];
            }
            return n;
        }

        /** Whether the text read so far is empty or ends with a line end. */
        boolean endedWithLineEnd() {
            return last == -1 || last == '\n' || last == '\r';
        }
    }

    private enum Compression { NONE, GZIP, ZIP }

    /** What the first bytes say, the stream left where it was. */
    private static Compression compression(BufferedInputStream in) throws IOException {
        in.mark(4);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return Compression.GZIP;
        }
        return (first == 'P' && second == 'K') ? Compression.ZIP : Compression.NONE;
    }

    /** The zip's first file, the zip positioned at its start. */
    private static ZipEntry firstFile(ZipInputStream zip) throws IOException {
        ZipEntry first = nextFile(zip);
        if (first == null) {
            throw new IOException("The zip result holds no file");
        }
        return first;
    }

    /** The next entry that is a file, skipping directories; {@code null} after the last. */
    private static @Nullable ZipEntry nextFile(ZipInputStream zip) throws IOException {
        ZipEntry entry = zip.getNextEntry();
        while (entry != null && entry.isDirectory()) {
            entry = zip.getNextEntry();
        }
        return entry;
    }

    /**
     * The input, decompressed when its first bytes say gzip or zip; a zip gives every file in
     * it, one after the other, in order.
     */
    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        return switch (compression(in)) {
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case ZIP -> {
                ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
                firstFile(zip);
                yield new EveryEntry(zip);
            }
            case NONE -> in;
        };
    }

    /** The bytes of every file of a zip, in order, as one stream. */
    private static final class EveryEntry extends FilterInputStream {

        EveryEntry(ZipInputStream zip) {
            super(zip);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            while (n < 0 && nextFile((ZipInputStream) in) != null) {
                n = super.read(buffer, offset, length);
            }
            return n;
        }
    }

    /** A view of the zip that leaves it open when an entry's reader is done with it. */
    private static InputStream nonClosing(ZipInputStream zip) {
        return new FilterInputStream(zip) {
            @Override
            public void close() {
                // The zip is closed with the result's stream.
            }
        };
    }

    private static void close(InputStream input) {
        try {
            input.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
