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
        try (CivisSimulator simulator = seededSimulator()) {
            Outcome outcome = runInSmallHeap(simulator, "streamed");

            assertThat(outcome.ended()).as("the streaming JVM ended").isTrue();
            assertThat(outcome.exitValue()).as(outcome.output()).isZero();
            assertThat(outcome.output()).contains("rows=" + ROWS + " lastId=" + (ROWS - 1));
        }
    }

    /**
     * The same program, told to collect the rows in a list before reading them, runs out of
     * memory in the same heap: the limit is tight enough to catch a stream that buffers.
     */
    @Test
    void collectingTheSameRowsFirstRunsOutOfMemoryInThatHeap() throws IOException, InterruptedException {
        try (CivisSimulator simulator = seededSimulator()) {
            Outcome outcome = runInSmallHeap(simulator, "buffered");

            assertThat(outcome.ended()).as("the buffering JVM ended").isTrue();
            assertThat(outcome.exitValue()).as(outcome.output()).isNotZero();
            assertThat(outcome.output()).contains("java.lang.OutOfMemoryError").doesNotContain("rows=" + ROWS);
        }
    }

    private static CivisSimulator seededSimulator() {
        return CivisSimulator.builder().apiKey("key").runStep(java.time.Duration.ZERO)
            .seed(new Seed().table("warehouse", "public.events", List.of("id", "name", "payload"), ROWS,
                    i -> List.of(String.valueOf(i), "event-" + i, "x".repeat(40) + ",\"" + i + "\"")))
            .build().start();
    }

    /** Runs {@link #main} in a JVM of 64 MB that stops at its first OutOfMemoryError, in whichever thread. */
    private static Outcome runInSmallHeap(CivisSimulator simulator, String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), StreamInSmallHeapTest.class.getName(), simulator.baseUrl(), "key",
                mode)
            .redirectErrorStream(true)
            .start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(ended, ended ? process.exitValue() : -1, output);
    }

    private record Outcome(boolean ended, int exitValue, String output) {
    }

    /**
     * Runs in the small-heap JVM: reads every row and prints the count and the last id. In
     * {@code buffered} mode it first collects the rows in a list, as a client that buffered
     * the result would, and only then reads them.
     * @param args the simulator's base URL, API key, and {@code streamed} or {@code buffered}
     */
    public static void main(String[] args) {
        boolean buffered = args.length > 2 && args[2].equals("buffered");
        try (CivisClient client = CivisClient.builder().baseUrl(args[0]).apiKey(args[1]).build();
                Stream<CsvRow> streamed = client.sql().stream("SELECT * FROM public.events", "warehouse")) {
            Stream<CsvRow> rows = buffered ? streamed.toList().stream() : streamed;
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
