package io.github.civis.simulator.sql;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The rows of imported and copied tables, kept on disk in a temporary directory this object
 * owns ({@link #close()} deletes it), so that a table costs the simulator's heap nothing
 * whatever its size: rows are written one at a time and read back one at a time. The total
 * size of the files is capped; a write beyond the cap fails with {@link LimitExceededException}
 * and leaves nothing behind.
 *
 * <p>A file holds one record per row: the cell count, then each cell as its UTF-8 length
 * ({@code -1} for SQL {@code NULL}) and bytes.
 */
public final class TableFiles implements AutoCloseable {

    /** The cap on the bytes of all tables unless configured otherwise: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private static final Cleaner CLEANER = Cleaner.create();

    private static final int BUFFER = 64 * 1024;

    private final long maxBytes;
    private final AtomicLong names = new AtomicLong();
    private long usedBytes;
    private @Nullable Path directory;

    /**
     * @param maxBytes the most bytes all table files may take together
     */
    public TableFiles(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("The table size limit must not be negative, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The most bytes all table files may take together. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The bytes the table files take now, those being written included. */
    public synchronized long usedBytes() {
        return usedBytes;
    }

    /**
     * A new table file to write rows to; {@link Writer#commit()} makes them a table's rows,
     * {@link Writer#close()} before that discards them.
     */
    public Writer writer() {
        Path path = directory().resolve("table-" + names.incrementAndGet() + ".rows");
        try {
            return new Writer(path, new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create a table file in " + path.getParent(), ex);
        }
    }

    /** Deletes every table file; tables on them can no longer be read. */
    @Override
    public synchronized void close() {
        Path root = directory;
        directory = null;
        usedBytes = 0;
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            // Already gone: nothing to keep.
        }
    }

    private synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("civis-simulator-tables-");
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot create the simulator's table directory", ex);
            }
        }
        return directory;
    }

    private synchronized void reserve(long bytes) {
        if (usedBytes + bytes > maxBytes) {
            throw new LimitExceededException("The simulator's tables would take more than their limit of " + maxBytes
                    + " bytes (" + usedBytes + " in use). Drop or truncate tables, or give the simulator a larger "
                    + "limit: CivisSimulator.Builder.maxTableBytes or --max-table-bytes.");
        }
        usedBytes += bytes;
    }

    private synchronized void release(long bytes) {
        usedBytes = Math.max(0, usedBytes - bytes);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException ex) {
            // A reader still has it open on a system that forbids that: removed with the directory.
        }
    }

    /** Writes the rows of one table file. Not thread-safe: one import writes it. */
    public final class Writer implements AutoCloseable {

        private final Path path;
        private final DataOutputStream out;
        private final ByteArrayOutputStream record = new ByteArrayOutputStream();
        private final DataOutputStream recordOut = new DataOutputStream(record);
        private long bytes;
        private long rows;
        private boolean finished;

        private Writer(Path path, DataOutputStream out) {
            this.path = path;
            this.out = out;
        }

        /**
         * Adds a row.
         *
         * @param row the cells, {@code null} for SQL {@code NULL}
         * @throws LimitExceededException when the row would take the tables beyond their limit
         */
        public void add(List<? extends @Nullable String> row) {
            if (finished) {
                throw new IllegalStateException("The table file is already committed or discarded");
            }
            record.reset();
            try {
                recordOut.writeInt(row.size());
                for (String cell : row) {
                    if (cell == null) {
                        recordOut.writeInt(-1);
                    }
                    else {
                        byte[] utf8 = cell.getBytes(StandardCharsets.UTF_8);
                        recordOut.writeInt(utf8.length);
                        recordOut.write(utf8);
                    }
                }
                reserve(record.size());
                bytes += record.size();
                record.writeTo(out);
                rows++;
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot write the table file " + path, ex);
            }
        }

        /** Adds every row of a table, read one at a time. */
        public void addAll(TableRows more) {
            for (List<@Nullable String> row : more) {
                add(row);
            }
        }

        /** The rows written so far. */
        public long rows() {
            return rows;
        }

        /**
         * Ends the file and makes it rows of a table; the bytes stay counted until
         * {@link StoredRows#delete()}.
         */
        public StoredRows commit() {
            if (finished) {
                throw new IllegalStateException("The table file is already committed or discarded");
            }
            try {
                out.close();
            }
            catch (IOException ex) {
                close();
                throw new UncheckedIOException("Cannot write the table file " + path, ex);
            }
            finished = true;
            return new StoredRows(path, rows, bytes);
        }

        /** Discards the file unless committed. */
        @Override
        public void close() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                out.close();
            }
            catch (IOException ex) {
                // discarded anyway
            }
            deleteQuietly(path);
            release(bytes);
        }
    }

    /** Rows read from a table file, one at a time, each time they are iterated. */
    public final class StoredRows implements TableRows {

        private final Path path;
        private final long count;
        private final long bytes;
        private boolean deleted;

        private StoredRows(Path path, long count, long bytes) {
            this.path = path;
            this.count = count;
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return count;
        }

        /** The bytes the file takes. */
        public long bytes() {
            return bytes;
        }

        /**
         * Deletes the file and gives its bytes back to the limit; a reader already going on
         * (where the system allows it) reads to its end.
         */
        public void delete() {
            synchronized (TableFiles.this) {
                if (deleted) {
                    return;
                }
                deleted = true;
            }
            deleteQuietly(path);
            release(bytes);
        }

        @Override
        public Iterator<List<@Nullable String>> iterator() {
            return new RowIterator(path, count);
        }
    }

    /**
     * Reads a file's rows. The file is opened on the first read and closed after the last, or by
     * {@link #close()} (a query's {@code LIMIT} does), or once the iterator is garbage.
     */
    private static final class RowIterator implements Iterator<List<@Nullable String>>, AutoCloseable {

        private final Path path;
        private final long count;
        private final OpenFile file = new OpenFile();
        private Cleaner.@Nullable Cleanable cleanable;
        private long read;

        RowIterator(Path path, long count) {
            this.path = path;
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return read < count;
        }

        /** Closes the file before the end, for a reader that wants no more rows. */
        @Override
        public void close() {
            if (cleanable != null) {
                cleanable.clean();
            }
        }

        @Override
        public List<@Nullable String> next() {
            if (read >= count) {
                throw new NoSuchElementException();
            }
            try {
                if (file.in == null) {
                    file.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER));
                    cleanable = CLEANER.register(this, file);
                }
                DataInputStream in = file.in;
                int cells = in.readInt();
                @Nullable String[] row = new String[cells];
                for (int i = 0; i < cells; i++) {
                    int length = in.readInt();
                    if (length >= 0) {
                        byte[] utf8 = new byte[length];
                        in.readFully(utf8);
                        row[i] = new String(utf8, StandardCharsets.UTF_8);
                    }
                }
                read++;
                if (read == count && cleanable != null) {
                    cleanable.clean();
                }
                return Collections.unmodifiableList(Arrays.asList(row));
            }
            catch (EOFException ex) {
                throw new UncheckedIOException("The table file " + path + " ends before its " + count + " rows", ex);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read the table file " + path + " (was the simulator stopped?)", ex);
            }
        }
    }

    /** The open stream of an iterator, closed by the iterator or, once it is garbage, by the cleaner. */
    private static final class OpenFile implements Runnable {

        private @Nullable DataInputStream in;

        @Override
        public void run() {
            DataInputStream stream = in;
            in = null;
            if (stream != null) {
                try {
                    stream.close();
                }
                catch (IOException ex) {
                    // nothing more to read
                }
            }
        }
    }

    /** Raised when rows would take the tables beyond their limit; the message says what to do. */
    public static final class LimitExceededException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LimitExceededException(String message) {
            super(message);
        }
    }
}
