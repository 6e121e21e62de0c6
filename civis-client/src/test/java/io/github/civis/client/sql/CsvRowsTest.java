package io.github.civis.client.sql;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CsvRows#read}: a result that cannot be opened still has its download released; rows
 * that do not fit the header, a result cut off, several zip entries and a byte-order mark.
 */
class CsvRowsTest {

    @Test
    void aResultThatIsNotValidGzipFailsAndIsClosed() {
        ObservedInput input = new ObservedInput(new byte[] { 0x1f, (byte) 0x8b, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p' });

        assertThatThrownBy(() -> CsvRows.read(input, ',', true)).isInstanceOf(UncheckedIOException.class)
            .hasMessage("Cannot read the CSV result");
        assertThat(input.closed).isTrue();
    }

    @Test
    void aZipResultWithoutAFileFailsAndIsClosed() throws IOException {
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(empty)) {
            zip.setComment("no entries");
        }
        ObservedInput input = new ObservedInput(empty.toByteArray());

        assertThatThrownBy(() -> CsvRows.read(input, ',', true)).isInstanceOf(UncheckedIOException.class)
            .hasRootCauseMessage("The zip result holds no file");
        assertThat(input.closed).isTrue();
    }

    @Test
    void aReadableResultStaysOpenUntilTheStreamIsClosed() {
        ObservedInput input = new ObservedInput("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));

        try (Stream<CsvRow> rows = CsvRows.read(input, ',', true)) {
            assertThat(input.closed).isFalse();
            assertThat(rows.map(row -> row.get("b")).toList()).containsExactly("2");
        }
        assertThat(input.closed).isTrue();
    }

    private static List<List<String>> rows(byte[] bytes, boolean header) {
        try (Stream<CsvRow> rows = CsvRows.read(new ByteArrayInputStream(bytes), ',', header)) {
            return rows.map(row -> (List<String>) Arrays.asList(row.values().toArray(String[]::new))).toList();
        }
    }

    private static List<List<String>> rows(String csv) {
        return rows(csv.getBytes(StandardCharsets.UTF_8), true);
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aRowWithFewerOrMoreFieldsThanTheHeaderIsAnErrorNamingItsLine() {
        assertThatThrownBy(() -> rows("a,b,c\n1,2,3\n4,5\n")).isInstanceOf(IllegalStateException.class)
            .hasMessage("Malformed CSV result at line 3: the row has 2 fields where the header has 3 columns");
        assertThatThrownBy(() -> rows("a,b\n1,\"x\ny\"\n3,4,5\n")).isInstanceOf(IllegalStateException.class)
            .hasMessage("Malformed CSV result at line 4: the row has 3 fields where the header has 2 columns");
        assertThatThrownBy(() -> rows("1,2\n3\n".getBytes(StandardCharsets.UTF_8), false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Malformed CSV result at line 2: the row has 1 field where the first row has 2");
        // An empty line is a row of one NULL: right for one column, wrong for two.
        assertThat(rows("a\n1\n\n2\n")).containsExactly(List.of("1"), Arrays.asList((String) null), List.of("2"));
        assertThatThrownBy(() -> rows("a,b\n\n1,2\n")).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Malformed CSV result at line 2: the row has 1 field where");
    }

    @Test
    void aResultCutOffIsAnErrorNamingTheLineWhereItStops() {
        try (Stream<CsvRow> rows = CsvRows.read(new ByteArrayInputStream("a,b\n1,2\n3,4".getBytes(StandardCharsets.UTF_8)),
                ',', true)) {
            var iterator = rows.iterator();
            assertThat(iterator.next().values()).containsExactly("1", "2");
            assertThatThrownBy(iterator::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("Malformed CSV result at line 3: the result ends inside this line, without the line end"
                        + " the platform writes after every line (it was cut off)");
        }
        assertThatThrownBy(() -> rows("a,b\n1,\"2\n3\n")).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Malformed CSV result at line 2: a quoted field is not closed (the result was cut off"
                    + " or is not CSV)");
        assertThatThrownBy(() -> rows("a,b")).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Malformed CSV result at line 1: the result ends inside this line");
        // Complete results: multi-line quoted fields, CRLF line ends, a header alone, nothing at all.
        assertThat(rows("a,b\n1,\"x\ny\"\n")).containsExactly(List.of("1", "x\ny"));
        assertThat(rows("a,b\r\n1,2\r\n")).containsExactly(List.of("1", "2"));
        assertThat(rows("a,b\n")).isEmpty();
        assertThat(rows("")).isEmpty();
    }

    @Test
    void everyEntryOfAZipResultIsReadInOrderEachWithItsHeader() throws IOException {
        byte[] twoParts = zip("part-1.csv", "a,b\n1,2\n3,4\n", "part-2.csv", "a,b\n5,6\n");

        try (Stream<CsvRow> rows = CsvRows.read(new ByteArrayInputStream(twoParts), ',', true)) {
            assertThat(rows.map(row -> row.get("a") + "/" + row.get("b") + "#" + row.number()).toList())
                .containsExactly("1/2#1", "3/4#2", "5/6#3");
        }
        assertThat(rows(zip("1.csv", "1,2\n", "2.csv", "3,4\n"), false)).containsExactly(List.of("1", "2"),
                List.of("3", "4"));
        assertThatThrownBy(() -> rows(zip("1.csv", "a,b\n1,2\n", "2.csv", "5,6\n7,8\n"), true))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("Malformed CSV result at line 1 of zip entry '2.csv': its header [5, 6] differs from the"
                    + " first entry's [a, b]");
        assertThatThrownBy(() -> rows(zip("1.csv", "a,b\n1,2\n", "2.csv", "a,b\n5,6"), true))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("Malformed CSV result at line 2 of zip entry '2.csv': the result ends inside");
        // A result written to a file has every entry, in order.
        try (InputStream all = CsvRows.decompressed(new ByteArrayInputStream(twoParts))) {
            assertThat(new String(all.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n3,4\na,b\n5,6\n");
        }
    }

    @Test
    void aZipEntryIsReadAsItInflatesNotHeldWhole() throws IOException {
        // Two megabytes of random digits: deflate cannot shrink them much, so the zip is large too.
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("a,b\n");
        while (csv.length() < 2_000_000) {
            csv.append(random.nextLong()).append(',').append(random.nextLong()).append('\n');
        }
        byte[] zipped = zip("big.csv", csv.toString(), "small.csv", "a,b\n1,2\n");
        CountingInput input = new CountingInput(zipped);

        try (Stream<CsvRow> rows = CsvRows.read(input, ',', true)) {
            var iterator = rows.iterator();
            iterator.next();
            assertThat(input.read).isLessThan(zipped.length / 4);
            long count = 1;
            while (iterator.hasNext()) {
                iterator.next();
                count++;
            }
            assertThat(count).isGreaterThan(40_000);
        }
    }

    @Test
    void aLeadingByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
        String withMark = "\uFEFFid,name\n1,Ann\n";
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(withMark.getBytes(StandardCharsets.UTF_8));
        }

        for (byte[] bytes : List.of(withMark.getBytes(StandardCharsets.UTF_8), gzipped.toByteArray(),
                zip("1.csv", withMark, "2.csv", withMark))) {
            try (Stream<CsvRow> rows = CsvRows.read(new ByteArrayInputStream(bytes), ',', true)) {
                assertThat(rows.toList()).allSatisfy(row -> {
                    assertThat(row.columns()).containsExactly("id", "name");
                    assertThat(row.get("id")).isEqualTo("1");
                });
            }
        }
        assertThat(rows("\uFEFF1,2\n".getBytes(StandardCharsets.UTF_8), false)).containsExactly(List.of("1", "2"));
    }

    /** A download that counts the bytes taken from it. */
    private static final class CountingInput extends ByteArrayInputStream {

        int read;

        CountingInput(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            read += (b >= 0) ? 1 : 0;
            return b;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int n = super.read(buffer, offset, length);
            read += Math.max(0, n);
            return n;
        }
    }

    /** A download whose closing can be seen. */
    private static final class ObservedInput extends ByteArrayInputStream {

        boolean closed;

        ObservedInput(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() throws IOException {
            this.closed = true;
            super.close();
        }

    }

}
