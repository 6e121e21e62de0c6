package io.github.civis.simulator.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

/**
 * The rows of a seeded table, each a list of cells in column order; a {@code null} cell is SQL
 * {@code NULL}, distinct from an empty string. Either given (held in memory), generated on demand,
 * or imported (kept on disk by {@link TableFiles}), so that a table of millions of rows costs no
 * memory in the simulator.
 */
public interface TableRows extends Iterable<List<@Nullable String>> {

    /** The number of rows. */
    long size();

    /**
     * Stored rows, copied.
     *
     * @param rows the rows, each a list of cells ({@code null} for SQL {@code NULL})
     * @return the rows
     */
    static TableRows of(List<? extends List<? extends @Nullable String>> rows) {
        List<List<@Nullable String>> copy = new ArrayList<>(rows.size());
        for (List<? extends @Nullable String> row : rows) {
            copy.add(row(row.toArray(new String[0])));
        }
        List<List<@Nullable String>> frozen = Collections.unmodifiableList(copy);
        return new TableRows() {
            @Override
            public long size() {
                return frozen.size();
            }

            @Override
            public Iterator<List<@Nullable String>> iterator() {
                return frozen.iterator();
            }
        };
    }

    /**
     * Rows made when read: row {@code i} (from 0) is {@code generator.apply(i)}.
     *
     * @param count the number of rows
     * @param generator makes one row from its index
     * @return the rows
     */
    static TableRows generated(long count, LongFunction<? extends List<? extends @Nullable String>> generator) {
        if (count < 0) {
            throw new IllegalArgumentException("A row count must not be negative, was " + count);
        }
        return new TableRows() {
            @Override
            public long size() {
                return count;
            }

            @Override
            public Iterator<List<@Nullable String>> iterator() {
                return new Iterator<>() {
                    private long next;

                    @Override
                    public boolean hasNext() {
                        return next < count;
                    }

                    @Override
                    public List<@Nullable String> next() {
                        if (next >= count) {
                            throw new NoSuchElementException();
                        }
                        return row(generator.apply(next++).toArray(new String[0]));
                    }
                };
            }
        };
    }

    /**
     * These rows followed by others, stored in memory.
     *
     * @param more the rows to add
     * @return the joined rows
     * @deprecated copies every row into the heap; the simulator's imports write joined rows to
     *     disk with {@link TableFiles.Writer#addAll(TableRows)} instead
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    default TableRows append(TableRows more) {
        List<List<@Nullable String>> joined = new ArrayList<>();
        forEach(joined::add);
        more.forEach(joined::add);
        return of(joined);
    }

    /** An unmodifiable row that may hold nulls. */
    private static List<@Nullable String> row(@Nullable String[] cells) {
        return Collections.unmodifiableList(Arrays.asList(cells));
    }
}
