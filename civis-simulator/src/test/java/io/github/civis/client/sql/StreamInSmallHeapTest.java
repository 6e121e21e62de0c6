package io.github.civis.client.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams 1,000,000 rows in a separate JVM whose heap is limited to 64 MB: the result file is
 * several times that size uncompressed, so the stream can only finish if it does not buffer.
 * The simulator runs in this JVM, outside the limit.
 */
class StreamInSmallHeapTest {

    private static final long ROWS = 1_000_000;

    @Test
    void streamsAMillionRowsWithin64MbOfHeap() throws IOException, InterruptedException {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("key").runStep(java.time.Duration.ZERO)
            .seed(new Seed().table("warehouse", "public.events", List.of("id", "name", "payload"), ROWS,
                    i -> List.of(String.valueOf(i), "event-" + i, "x".repeat(40) + ",\"" + i + "\"")))
            .build().start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    StreamInSmallHeapTest.class.getName(), simulator.baseUrl(), "key")
                .redirectErrorStream(true)
                .start();
            boolean ended = process.waitFor(10, TimeUnit.MINUTES);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ended) {
                process.destroyForcibly();
            }

            assertThat(ended).as("the streaming JVM ended").isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("rows=" + ROWS + " lastId=" + (ROWS - 1));
        }
    }

    /**
     * Runs in the small-heap JVM: streams every row and prints the count and the last id.
     * @param args the simulator's base URL and API key
     */
    public static void main(String[] args) {
        try (CivisClient client = CivisClient.builder().baseUrl(args[0]).apiKey(args[1]).build();
                Stream<CsvRow> rows = client.sql().stream("SELECT * FROM public.events", "warehouse")) {
            long[] count = new long[1];
            long[] last = new long[1];
            rows.forEach(row -> {
                count[0]++;
                last[0] = row.getLong("id");
                if (!row.get("payload").endsWith(",\"" + last[0] + "\"")) {
                    throw new IllegalStateException("Row " + count[0] + " garbled: " + row);
                }
            });
            Runtime runtime = Runtime.getRuntime();
            System.out.println("rows=" + count[0] + " lastId=" + last[0] + " maxHeapMb=" + runtime.maxMemory() / (1 << 20));
        }
    }
}
