package io.github.civis.bench.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.bench.contender.Contender;
import io.github.civis.bench.contender.Contenders;

/**
 * Runs the over-the-wire scenarios for one contender in a JVM of its own, so that the JIT
 * profile, heap and threads of one contender never colour another's figures. Prints one line
 * {@code RESULT {json}} with its figures.
 *
 * <p>Every loop stops at whichever comes first of a call count and a deadline.
 */
public final class LoadRunner {

    /** Calls in flight in the concurrency scenario. */
    public static final int IN_FLIGHT = 64;

    /** Expected length of the normal credentials list; the stub serves this many. */
    public static final long LIST_TOTAL = 10_000;

    /** Expected length of the {@code /big} credentials list. */
    public static final long BIG_TOTAL = 100_000;

    /** Calls the single-thread scenario makes at least before measuring, time permitting. */
    private static final int WARMUP_CALLS = 2_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Settings settings;

    private final Map<String, Double> results = new LinkedHashMap<>();

    private LoadRunner(Settings settings) {
        this.settings = settings;
    }

    /**
     * How long and how often each scenario runs.
     * @param warmup warm-up time per scenario; on a shared two-core machine the JIT needs seconds
     *        before a WebClient call reaches its steady cost
     * @param measure measuring time per scenario
     * @param maxCalls call bound per phase
     * @param listReps measured repetitions of the 10,000-item walk
     * @param sampleEvery heap sampling period in the streaming scenario
     */
    public record Settings(Duration warmup, Duration measure, int maxCalls, int listReps, Duration sampleEvery) {

        /** Settings of {@code --quick}. */
        public static Settings quick() {
            return new Settings(Duration.ofSeconds(4), Duration.ofSeconds(3), 300_000, 3, Duration.ofMillis(250));
        }

        /** Settings of a full run. */
        public static Settings full() {
            return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(10), 2_000_000, 7, Duration.ofMillis(250));
        }
    }

    /**
     * Entry point of the child JVM.
     * @param args {@code --contender NAME --target URL [--quick] [--scenario single|inflight|listAll|stream]};
     *        one scenario alone is for profiling it
     * @throws Exception on failure; the parent reports it
     */
    public static void main(String[] args) throws Exception {
        String name = null;
        String target = null;
        boolean quick = false;
        String scenario = "all";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--contender" -> name = args[++i];
                case "--target" -> target = args[++i];
                case "--quick" -> quick = true;
                case "--scenario" -> scenario = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (name == null || target == null) {
            throw new IllegalArgumentException("usage: LoadRunner --contender NAME --target URL [--quick]");
        }
        String baseUrl = Loopback.require(target);
        LoadRunner runner = new LoadRunner(quick ? Settings.quick() : Settings.full());
        boolean all = scenario.equals("all");
        boolean ceiling = name.equals(Contenders.CEILING);
        try (Contender contender = Contenders.create(name, baseUrl)) {
            if (all || scenario.equals("single")) {
                runner.single(contender);
            }
            if (all || scenario.equals("inflight")) {
                runner.inFlight(contender);
            }
            if (!ceiling && (all || scenario.equals("listAll"))) {
                runner.listAll(contender);
            }
        }
        if (!ceiling && (all || scenario.equals("stream"))) {
            try (Contender big = Contenders.create(name, baseUrl + "big/")) {
                runner.streamHeap(big);
            }
        }
        System.out.println("RESULT " + JSON.writeValueAsString(runner.results));
        System.out.flush();
        // Netty and HttpClient keep non-daemon threads; the parent is waiting for us.
        System.exit(0);
    }

    /** One call at a time: throughput and latency percentiles. */
    private void single(Contender contender) {
        long id = 42;
        // Warm up by time and by count: a slow contender needs more wall time to get the same
        // number of calls through the JIT, and comparing a warm one with a cold one says nothing.
        long warmEnd = System.nanoTime() + settings.warmup().multipliedBy(3).toNanos();
        int warmCalls = loop(contender, settings.warmup(), null);
        while (warmCalls < WARMUP_CALLS && System.nanoTime() - warmEnd < 0) {
            contender.get(id);
            warmCalls++;
        }
        long[] latencies = new long[settings.maxCalls()];
        long start = System.nanoTime();
        int n = loop(contender, settings.measure(), latencies);
        long elapsed = System.nanoTime() - start;
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        results.put("get1.callsPerSec", n / (elapsed / 1e9));
        results.put("get1.p50Micros", sorted[(int) (n * 0.50)] / 1e3);
        results.put("get1.p99Micros", sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e3);
        if (!contender.name().equals(Contenders.CEILING)) {
            check(contender.get(id) == 42, contender.name() + ": wrong credential id");
        }
    }

    private int loop(Contender contender, Duration duration, long[] latencies) {
        long end = System.nanoTime() + duration.toNanos();
        int n = 0;
        while (n < settings.maxCalls() && System.nanoTime() - end < 0) {
            long t0 = System.nanoTime();
            contender.get(42);
            if (latencies != null) {
                latencies[n] = System.nanoTime() - t0;
            }
            n++;
        }
        return n;
    }

    /** {@link #IN_FLIGHT} calls at once: threads for blocking APIs, flatMap for reactive ones. */
    private void inFlight(Contender contender) throws Exception {
        boolean reactive = contender.getAsync(42) != null;
        if (reactive) {
            reactiveBurst(contender, settings.warmup());
            long start = System.nanoTime();
            long n = reactiveBurst(contender, settings.measure());
            results.put("inflight64.callsPerSec", n / ((System.nanoTime() - start) / 1e9));
        }
        else {
            ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
            try {
                threadBurst(contender, pool, settings.warmup());
                long start = System.nanoTime();
                long n = threadBurst(contender, pool, settings.measure());
                results.put("inflight64.callsPerSec", n / ((System.nanoTime() - start) / 1e9));
            }
            finally {
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
    }

    private long reactiveBurst(Contender contender, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        // Stop issuing calls at the deadline and let those in flight finish: cancelling them
        // (take(Duration)) closes their connections and charges the next burst for reconnecting.
        Long n = Flux.range(0, settings.maxCalls())
            .takeWhile(i -> System.nanoTime() - end < 0)
            .flatMap(i -> contender.getAsync(42), IN_FLIGHT)
            .count()
            .block(duration.plusSeconds(60));
        return (n != null) ? n : 0;
    }

    private long threadBurst(Contender contender, ExecutorService pool, Duration duration) throws Exception {
        AtomicLong calls = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < IN_FLIGHT; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() - end < 0 && calls.get() < settings.maxCalls()) {
                    contender.get(42);
                    calls.incrementAndGet();
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        }
        return calls.get();
    }

    /** Walks the 10,000-item list: wall time and bytes allocated by every thread of this JVM. */
    private void listAll(Contender contender) {
        long budget = Duration.ofSeconds(60).toNanos();
        for (int warm = 0; warm < 2; warm++) {
            check(contender.listAll(System.nanoTime() + budget) == LIST_TOTAL, contender.name() + ": wrong list length");
        }
        double[] millis = new double[settings.listReps()];
        double[] megabytes = new double[settings.listReps()];
        for (int rep = 0; rep < settings.listReps(); rep++) {
            long bytes0 = allocatedBytes();
            long t0 = System.nanoTime();
            long count = contender.listAll(t0 + budget);
            long elapsed = System.nanoTime() - t0;
            long bytes = allocatedBytes() - bytes0;
            check(count == LIST_TOTAL, contender.name() + ": wrong list length " + count);
            millis[rep] = elapsed / 1e6;
            megabytes[rep] = bytes / 1e6;
        }
        results.put("listAll10k.millis", median(millis));
        results.put("listAll10k.allocMB", median(megabytes));
    }

    /**
     * Streams the 100,000-item list while a sampler forces a GC and reads the heap every few
     * hundred milliseconds: a lazy walk keeps the heap flat, one that buffers grows with the list.
     */
    private void streamHeap(Contender contender) throws Exception {
        List<Long> samples = new ArrayList<>();
        long start = heapAfterGc();
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(settings.sampleEvery().toMillis());
                    long used = heapAfterGc();
                    synchronized (samples) {
                        samples.add(used);
                    }
                }
            }
            catch (InterruptedException ex) {
                // done
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        long t0 = System.nanoTime();
        sampler.start();
        long count;
        try {
            count = contender.listAll(t0 + Duration.ofSeconds(180).toNanos());
        }
        finally {
            sampler.interrupt();
            sampler.join(10_000);
        }
        long elapsed = System.nanoTime() - t0;
        check(count == BIG_TOTAL, contender.name() + ": wrong list length " + count);
        long end = heapAfterGc();
        long peak = Math.max(start, end);
        synchronized (samples) {
            for (long s : samples) {
                peak = Math.max(peak, s);
            }
        }
        results.put("stream100k.millis", elapsed / 1e6);
        results.put("stream100k.heapStartMB", start / 1e6);
        results.put("stream100k.heapPeakMB", peak / 1e6);
        results.put("stream100k.heapEndMB", end / 1e6);
        results.put("stream100k.samples", (double) samples.size());
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Bytes allocated so far by the live threads of this JVM (the stub runs in another one).
     * Threads that ended in between are missed; the clients keep theirs alive.
     */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
