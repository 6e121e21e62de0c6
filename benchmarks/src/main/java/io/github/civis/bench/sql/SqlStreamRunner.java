package io.github.civis.bench.sql;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.bench.load.HeapSampler;
import io.github.civis.client.sql.CsvRow;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trial of the SQL scenario, in a JVM of its own (the harness gives it {@code -Xmx64m}):
 * {@code SELECT * FROM bench.sql_rows} streamed through {@code client.sql().stream} (blocking)
 * or {@code client.reactiveSql().stream} (a {@code Flux}), every row checked (its payload ends
 * with its own id; the ids must sum to n(n+1)/2), while a sampler forces a GC every 250 ms and
 * reads the used heap, as the credentials streaming scenario does. Prints {@code RESULT {json}}
 * with the figures, and {@code errors} when a check failed.
 *
 * <pre>SqlStreamRunner &lt;base-url&gt; &lt;api-key&gt; &lt;blocking|reactive&gt; &lt;rows&gt; &lt;max-seconds&gt;</pre>
 */
public final class SqlStreamRunner {

    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);

    private SqlStreamRunner() {
    }

    /**
     * Runs one trial and prints its figures.
     * @param args base URL, API key, mode, expected rows, longest run in seconds
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        String url = io.github.civis.bench.load.Loopback.require(args[0]);
        boolean reactive = args[2].equals("reactive");
        long expected = Long.parseLong(args[3]);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[4])).toNanos();
        String sql = "SELECT * FROM " + SqlSimulatorServer.TABLE;
        Tally tally = new Tally(deadline);
        long t0 = System.nanoTime();
        HeapSampler sampler = HeapSampler.start(SAMPLE_EVERY);
        try (CivisClient client = CivisClient.builder().baseUrl(url).apiKey(args[1]).build()) {
            if (reactive) {
                client.reactiveSql().stream(sql, SqlSimulatorServer.DATABASE).doOnNext(tally::accept).then()
                    .block(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            else {
                try (Stream<CsvRow> rows = client.sql().stream(sql, SqlSimulatorServer.DATABASE)) {
                    rows.forEach(tally::accept);
                }
            }
        }
        finally {
            sampler.close();
        }
        long t1 = System.nanoTime();
        HeapSampler.Heap heap = sampler.finish();
        Map<String, Double> results = new LinkedHashMap<>();
        long idSum = expected * (expected + 1) / 2;
        if (tally.count.get() != expected || tally.idSum.get() != idSum || tally.garbled.get() > 0) {
            System.out.println(String.format(Locale.ROOT, "CHECK %d rows (expected %d), id sum %d (expected %d), %d garbled",
                    tally.count.get(), expected, tally.idSum.get(), idSum, tally.garbled.get()));
            results.put("errors", 1.0);
        }
        double readSeconds = (t1 - tally.firstRowAt) / 1e9;
        results.put("sqlStream1m.rowsPerSec", tally.count.get() / readSeconds);
        results.put("sqlStream1m.endToEndSeconds", (t1 - t0) / 1e9);
        results.put("sqlStream1m.heapStartMB", heap.start() / 1e6);
        results.put("sqlStream1m.heapPeakMB", heap.peak() / 1e6);
        results.put("sqlStream1m.heapEndMB", heap.end() / 1e6);
        results.put("sqlStream1m.samples", (double) heap.samples());
        results.put("sqlStream1m.maxHeapMB", Runtime.getRuntime().maxMemory() / 1e6);
        System.out.println("RESULT " + JsonMapper.builder().build().writeValueAsString(results));
    }

    /** Counts and checks rows as they come, and stops the walk at the deadline. */
    private static final class Tally {

        final AtomicLong count = new AtomicLong();

        final AtomicLong idSum = new AtomicLong();

        final AtomicLong garbled = new AtomicLong();

        final long deadline;

        volatile long firstRowAt;

        Tally(long deadline) {
            this.deadline = deadline;
        }

        void accept(CsvRow row) {
            if (count.getAndIncrement() == 0) {
                firstRowAt = System.nanoTime();
            }
            long id = row.getLong("id");
            idSum.addAndGet(id);
            if (!row.get("payload").endsWith(",\"" + id + "\"")) {
                garbled.incrementAndGet();
            }
            if ((count.get() & 0xFFF) == 0 && System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the walk ran past its deadline after " + count.get() + " rows");
            }
        }
    }
}
