package io.github.civis.client.sql;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CsvRows#read}: a result that cannot be opened still has its download released. */
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
