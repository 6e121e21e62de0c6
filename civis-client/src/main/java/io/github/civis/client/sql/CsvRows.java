package io.github.civis.client.sql;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
        MappingIterator<String[]> values;
        try {
            InputStream plain = decompressed(raw);
            values = CSV.readerForArrayOf(String.class)
                .with(CsvSchema.emptySchema().withColumnSeparator(delimiter))
                .readValues(new InputStreamReader(plain, StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the CSV result", ex);
        }
        return new Iterator<>() {
            private CsvRow.@Nullable Header columns;
            private long number;

            @Override
            public boolean hasNext() {
                try {
                    if (columns == null && header) {
                        if (!values.hasNextValue()) {
                            return false;
                        }
                        List<String> names = new ArrayList<>();
                        for (String name : values.nextValue()) {
                            names.add((name != null) ? name : "");
                        }
                        columns = new CsvRow.Header(names);
                    }
                    return values.hasNextValue();
                }
                catch (JacksonException ex) {
                    throw malformed(ex);
                }
            }

            @Override
            public CsvRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String[] cells;
                try {
                    cells = values.nextValue();
                }
                catch (JacksonException ex) {
                    throw malformed(ex);
                }
                if (columns == null) {
                    List<String> names = new ArrayList<>();
                    for (int i = 1; i <= cells.length; i++) {
                        names.add("column_" + i);
                    }
                    columns = new CsvRow.Header(names);
                }
                number++;
                return new CsvRow(columns, Arrays.asList(cells), number);
            }

            private IllegalStateException malformed(JacksonException ex) {
                return new IllegalStateException("Malformed CSV after row " + number + ": " + ex.getOriginalMessage(), ex);
            }
        };
    }

    /** The input, decompressed when its first bytes say gzip or zip. */
    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(4);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(in, 64 * 1024);
        }
        if (first == 'P' && second == 'K') {
            ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
            if (zip.getNextEntry() == null) {
                throw new IOException("The zip result holds no file");
            }
            return zip;
        }
        return in;
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
