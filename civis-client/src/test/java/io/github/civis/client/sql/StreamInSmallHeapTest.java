package io.github.civis.client.sql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams 1,000,000 rows in a separate JVM whose heap is limited to 64 MB: the result file is
 * several times that size uncompressed, so the stream can only finish if it does not buffer.
 * The simulator runs in this JVM, outside the limit.
 */
class StreamInSmallHeapTest {

    private static final long ROWS = 1_000_000;

    /**
     * Every way of reading the rows: pushed ({@code forEach}), pulled ({@code iterator()}, as a
     * {@code for} loop or a framework would), and as the reactive {@code Flux}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"forEach", "iterator", "flux"})
    void streamsAMillionRowsWithin64MbOfHeap(String mode) throws IOException, InterruptedException {
        try (CivisSimulator simulator = seededSimulator()) {
            Outcome outcome = runInSmallHeap(simulator, mode);

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
        return CivisSimulator.builder().apiKey("key").runStep(Duration.ZERO)
            .seed(new Seed().table("warehouse", "public.events", List.of("id", "name", "payload"), ROWS,
                    i -> List.of(String.valueOf(i), "event-" + i, "x".repeat(40) + ",\"" + i + "\"")))
            .build().start();
    }

    /** Runs {@link #main} in a JVM of 64 MB that stops at its first OutOfMemoryError, in whichever thread. */
    private static Outcome runInSmallHeap(CivisSimulator simulator, String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("stream-in-small-heap-", ".log");
        Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), StreamInSmallHeapTest.class.getName(), simulator.baseUrl(), "key",
                mode)
            .redirectErrorStream(true)
            // To a file, not a pipe: a long stack trace could fill the pipe and stall the child before it ends.
            .redirectOutput(log.toFile())
            .start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Outcome(ended, ended ? process.exitValue() : -1, output);
    }

    private record Outcome(boolean ended, int exitValue, String output) {
    }

    /**
     * Runs in the small-heap JVM: reads every row and prints the count and the last id. In
     * {@code buffered} mode it first collects the rows in a list, as a client that buffered
     * the result would, and only then reads them.
     * @param args the simulator's base URL, API key, and {@code forEach}, {@code iterator},
     *        {@code flux} or {@code buffered}
     */
    public static void main(String[] args) {
        String mode = (args.length > 2) ? args[2] : "forEach";
        String sql = "SELECT * FROM public.events";
        try (CivisClient client = CivisClient.builder().baseUrl(args[0]).apiKey(args[1]).build()) {
            long[] count = new long[1];
            long[] last = new long[1];
            Consumer<CsvRow> check = row -> {
                count[0]++;
                last[0] = row.getLong("id");
                if (!row.get("payload").endsWith(",\"" + last[0] + "\"")) {
                    throw new IllegalStateException("Row " + count[0] + " garbled: " + row);
                }
            };
            if (mode.equals("flux")) {
                client.reactiveSql().stream(sql, "warehouse").doOnNext(check).then().block(Duration.ofMinutes(5));
            }
            else {
                try (Stream<CsvRow> rows = client.sql().stream(sql, "warehouse")) {
                    switch (mode) {
                        case "forEach" -> rows.forEach(check);
                        case "iterator" -> rows.iterator().forEachRemaining(check);
                        case "buffered" -> rows.toList().forEach(check);
                        default -> throw new IllegalArgumentException("unknown mode " + mode);
                    }
                }
            }
            Runtime runtime = Runtime.getRuntime();
            System.out.println("rows=" + count[0] + " lastId=" + last[0] + " maxHeapMb=" + runtime.maxMemory() / (1 << 20));
        }
    }
}
