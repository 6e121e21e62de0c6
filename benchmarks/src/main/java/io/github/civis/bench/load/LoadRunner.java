package io.github.civis.bench.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.bench.contender.Contender;
import io.github.civis.bench.contender.Contenders;
import io.github.civis.bench.stub.StubServer;

/**
 * Runs the over-the-wire scenarios for one contender in a JVM of its own, so that the JIT
 * profile, heap and threads of one contender never colour another's figures.
 *
 * <p>With {@code --serve} it stays up and runs one trial of a scenario per line read on stdin,
 * answering each with one line {@code RESULT {json}}; the parent runs the contenders' trials
 * interleaved this way. Without it, it runs the scenarios named by {@code --scenario} once
 * (for profiling one of them) and prints one {@code RESULT} line.
 *
 * <p>Every call's answer is checked: a contender returns the id its decoded response carried,
 * and it must be the id asked for (ids vary from call to call, the stub answers each with its
 * own credential); a list walk must return the sum of the ids it saw. A trial with a failed
 * or wrong answer reports {@code errors} and its figures are not used, so that a contender
 * failing its calls cannot look fast. Every loop stops at whichever comes first of a call
 * count and a deadline.
 */
public final class LoadRunner {

    /** Calls in flight in the concurrency scenario. */
    public static final int IN_FLIGHT = 64;

    /** Calls in flight in the latency-bound scenario. */
    public static final int LATENCY_IN_FLIGHT = 256;

    /** Expected length of the normal credentials list; the stub serves this many. */
    public static final long LIST_TOTAL = 10_000;

    /** Expected length of the {@code /big} credentials list. */
    public static final long BIG_TOTAL = 100_000;

    /** Calls the single-thread scenario makes at least before measuring, time permitting. */
    private static final int WARMUP_CALLS = 2_000;

    /** Bound on the commands a serving runner accepts. */
    private static final int MAX_COMMANDS = 10_000;

    /** The scenarios, in the order a one-shot run makes them. */
    public static final List<String> SCENARIOS = List.of("single", "inflight", "latency256", "listAll", "stream");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Settings settings;

    private final String name;

    private final String baseUrl;

    private final Map<String, Contender> contenders = new LinkedHashMap<>();

    /** Scenarios that ran their first, longer warm-up already in this JVM. */
    private final Set<String> warmed = new HashSet<>();

    private LoadRunner(Settings settings, String name, String baseUrl) {
        this.settings = settings;
        this.name = name;
        this.baseUrl = baseUrl;
    }

    /**
     * How long and how often each scenario runs.
     * @param warmup warm-up time of a scenario's first trial in a JVM; on a shared two-core
     *        machine the JIT needs seconds before a WebClient call reaches its steady cost
     * @param rewarm warm-up time of each later trial, after the JVM sat idle while the other
     *        contenders ran
     * @param measure measuring time per trial
     * @param maxCalls call bound per phase
     * @param listReps measured repetitions of the 10,000-item walk per trial
     * @param sampleEvery heap sampling period in the streaming scenario
     */
    public record Settings(Duration warmup, Duration rewarm, Duration measure, int maxCalls, int listReps,
            Duration sampleEvery) {

        /** Settings of {@code --quick}. */
        public static Settings quick() {
            return new Settings(Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2), 300_000, 3,
                    Duration.ofMillis(250));
        }

        /** Settings of a full run. */
        public static Settings full() {
            return new Settings(Duration.ofSeconds(8), Duration.ofSeconds(2), Duration.ofSeconds(5), 2_000_000, 5,
                    Duration.ofMillis(250));
        }
    }

    /**
     * Entry point of the child JVM.
     * @param args {@code --contender NAME --target URL [--quick] [--serve | --scenario a,b]};
     *        scenarios: {@link #SCENARIOS}
     * @throws Exception on failure; the parent reports it
     */
    public static void main(String[] args) throws Exception {
        String name = null;
        String target = null;
        boolean quick = false;
        boolean serve = false;
        List<String> scenarios = SCENARIOS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--contender" -> name = args[++i];
                case "--target" -> target = args[++i];
                case "--quick" -> quick = true;
                case "--serve" -> serve = true;
                case "--scenario" -> scenarios = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (name == null || target == null) {
            throw new IllegalArgumentException("usage: LoadRunner --contender NAME --target URL [--quick] [--serve]");
        }
        LoadRunner runner = new LoadRunner(quick ? Settings.quick() : Settings.full(), name, Loopback.require(target));
        try {
            if (serve) {
                runner.serve();
            }
            else {
                Map<String, Double> all = new LinkedHashMap<>();
                for (String scenario : scenarios) {
                    all.putAll(runner.trial(scenario));
                }
                System.out.println("RESULT " + JSON.writeValueAsString(all));
            }
        }
        finally {
            runner.contenders.values().forEach(Contender::close);
        }
        System.out.flush();
        // Netty and HttpClient keep non-daemon threads; the parent is waiting for us.
        System.exit(0);
    }

    /** One trial per line on stdin until it closes. */
    private void serve() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        for (int commands = 0; commands < MAX_COMMANDS; commands++) {
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                return;
            }
            Map<String, Double> figures;
            try {
                figures = trial(line.trim());
            }
            catch (Exception | Error ex) {
                // One failed trial is reported as such; the runner stays up for the next one.
                figures = Map.of("errors", 1.0);
                System.out.println("FAILED " + line.trim() + ": " + ex);
            }
            System.out.println("RESULT " + JSON.writeValueAsString(figures));
            System.out.flush();
        }
    }

    /**
     * One trial of a scenario.
     * @param scenario one of {@link #SCENARIOS}
     * @return the figures, keyed {@code scenario.figure}, with {@code errors} when any answer failed
     */
    private Map<String, Double> trial(String scenario) throws Exception {
        boolean ceiling = name.equals(Contenders.CEILING);
        boolean first = warmed.add(scenario);
        Duration warmup = first ? settings.warmup() : settings.rewarm();
        Map<String, Double> results = new LinkedHashMap<>();
        Checks checks = new Checks();
        switch (scenario) {
            case "single" -> single(contender(""), warmup, checks, results);
            case "inflight" -> inFlight(contender(""), IN_FLIGHT, "inflight64", warmup, checks, results);
            case "latency256" -> {
                inFlight(contender("slow/"), LATENCY_IN_FLIGHT, "latency256", warmup, checks, results);
                double ceilingRate = LATENCY_IN_FLIGHT / (StubServer.SLOW_LATENCY.toNanos() / 1e9);
                results.put("latency256.percentOfCeiling", 100 * results.get("latency256.callsPerSec") / ceilingRate);
            }
            case "listAll" -> {
                if (!ceiling) {
                    listAll(contender(""), first, checks, results);
                }
            }
            case "stream" -> {
                if (!ceiling) {
                    // The other scenarios' clients (256 open connections among them) would be
                    // counted in the heap this scenario watches: closed first, made again if needed.
                    closeAllBut("big/");
                    streamHeap(contender("big/"), checks, results);
                }
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        if (checks.failed.get() > 0) {
            results.put("errors", (double) checks.failed.get());
            System.out.println("CHECK " + scenario + ": " + checks.failed.get() + " failed or wrong answers, first: "
                    + checks.first);
        }
        return results;
    }

    private void closeAllBut(String suffix) {
        contenders.entrySet().removeIf(entry -> {
            if (entry.getKey().equals(suffix)) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
    }

    private Contender contender(String suffix) {
        return contenders.computeIfAbsent(suffix, s -> Contenders.create(name, baseUrl + s));
    }

    /** Counts answers that failed or carried another id than asked for. */
    private static final class Checks {

        private final AtomicLong failed = new AtomicLong();

        private volatile String first;

        void expect(long asked, long answered) {
            if (asked != answered) {
                fail("asked for id " + asked + ", the decoded answer carried " + answered);
            }
        }

        void fail(String what) {
            if (failed.getAndIncrement() == 0) {
                first = what;
            }
        }

        /** One call, checked; a thrown failure counts as a failed answer. */
        void call(Contender contender, long id) {
            try {
                expect(id, contender.get(id));
            }
            catch (RuntimeException ex) {
                fail(ex.toString());
            }
        }

        /** One reactive call, checked; a failure counts and completes empty so the burst goes on. */
        Mono<Long> callAsync(Contender contender, long id) {
            return contender.getAsync(id).doOnNext(answered -> expect(id, answered)).onErrorResume(ex -> {
                fail(ex.toString());
                return Mono.empty();
            });
        }
    }

    /** The id of the n-th call: cycles through every credential the stub knows. */
    private static long idOf(long n) {
        return 1 + (n % StubServer.CREDENTIAL_IDS);
    }

    /** One call at a time: throughput and latency percentiles. */
    private void single(Contender contender, Duration warmup, Checks checks, Map<String, Double> results) {
        // Warm up by time and by count: a slow contender needs more wall time to get the same
        // number of calls through the JIT, and comparing a warm one with a cold one says nothing.
        long warmEnd = System.nanoTime() + warmup.multipliedBy(3).toNanos();
        int warmCalls = loop(contender, warmup, null, new Checks());
        while (warmCalls < WARMUP_CALLS && System.nanoTime() - warmEnd < 0) {
            contender.get(idOf(warmCalls));
            warmCalls++;
        }
        long[] latencies = new long[settings.maxCalls()];
        long bytes0 = allocatedBytes();
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        int n = loop(contender, settings.measure(), latencies, checks);
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpu0;
        long bytes = allocatedBytes() - bytes0;
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        results.put("get1.callsPerSec", n / (elapsed / 1e9));
        results.put("get1.p50Micros", sorted[(int) (n * 0.50)] / 1e3);
        results.put("get1.p99Micros", sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e3);
        // Every thread of this JVM: the caller's and the event loops' allocations per call.
        results.put("get1.allocKBPerCall", bytes / 1e3 / Math.max(1, n));
        results.put("get1.cpuMicrosPerCall", cpu / 1e3 / Math.max(1, n));
    }

    private int loop(Contender contender, Duration duration, long[] latencies, Checks checks) {
        long end = System.nanoTime() + duration.toNanos();
        int n = 0;
        while (n < settings.maxCalls() && System.nanoTime() - end < 0) {
            long t0 = System.nanoTime();
            checks.call(contender, idOf(n));
            if (latencies != null) {
                latencies[n] = System.nanoTime() - t0;
            }
            n++;
        }
        return n;
    }

    /** {@code inFlight} calls at once: threads for blocking APIs, flatMap for reactive ones. */
    private void inFlight(Contender contender, int inFlight, String key, Duration warmup, Checks checks,
            Map<String, Double> results) throws Exception {
        boolean reactive = contender.getAsync(1) != null;
        long n;
        long start;
        long cpu0;
        long sleeps0;
        if (reactive) {
            reactiveBurst(contender, inFlight, warmup, new Checks());
            sleeps0 = voluntarySwitches();
            cpu0 = processCpuNanos();
            start = System.nanoTime();
            n = reactiveBurst(contender, inFlight, settings.measure(), checks);
        }
        else {
            ExecutorService pool = contender.virtualThreads() ? virtualThreads() : Executors.newFixedThreadPool(inFlight);
            try {
                threadBurst(contender, pool, inFlight, warmup, new Checks());
                sleeps0 = voluntarySwitches();
                cpu0 = processCpuNanos();
                start = System.nanoTime();
                n = threadBurst(contender, pool, inFlight, settings.measure(), checks);
            }
            finally {
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
        results.put(key + ".callsPerSec", n / ((System.nanoTime() - start) / 1e9));
        results.put(key + ".cpuMicrosPerCall", (processCpuNanos() - cpu0) / 1e3 / Math.max(1, n));
        long sleeps = voluntarySwitches() - sleeps0;
        if (sleeps0 >= 0 && sleeps >= 0) {
            results.put(key + ".sleepsPerCall", sleeps / (double) Math.max(1, n));
        }
    }

    /**
     * Voluntary context switches of every live thread of this JVM so far (Linux
     * {@code /proc/self/task/}{@code *}{@code /status}), or {@code -1} where that is not available: how often
     * a thread went to sleep waiting (a parked caller, an event loop with nothing to do). It is
     * a figure for a quiet machine: on one short of cores, an answer is often there before its
     * caller gets to wait, and the figure falls. Threads that ended in between are missed.
     */
    private static long voluntarySwitches() {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
        if (!java.nio.file.Files.isDirectory(tasks)) {
            return -1;
        }
        long total = 0;
        try (java.util.stream.Stream<java.nio.file.Path> threads = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path thread : (Iterable<java.nio.file.Path>) threads::iterator) {
                try {
                    for (String line : java.nio.file.Files.readAllLines(thread.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                }
                catch (java.io.IOException | RuntimeException ex) {
                    // the thread ended while listed
                }
            }
        }
        catch (java.io.IOException ex) {
            return -1;
        }
        return total;
    }

    /**
     * One virtual thread per task (Java 21+), found reflectively: the harness compiles for Java
     * 17, and {@link Contenders#available()} offers the virtual-thread contender on 21+ only.
     */
    private static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is " + Runtime.version(), ex);
        }
    }

    /**
     * CPU time used so far by this JVM, every thread (caller, event loops, JIT, GC). Per call, it
     * is the figure that a busy machine disturbs least: waiting for a core adds wall time, not CPU.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private long reactiveBurst(Contender contender, int inFlight, Duration duration, Checks checks) {
        long end = System.nanoTime() + duration.toNanos();
        // Stop issuing calls at the deadline and let those in flight finish: cancelling them
        // (take(Duration)) closes their connections and charges the next burst for reconnecting.
        Long n = Flux.range(0, settings.maxCalls())
            .takeWhile(i -> System.nanoTime() - end < 0)
            .flatMap(i -> checks.callAsync(contender, idOf(i)), inFlight)
            .count()
            .block(duration.plusSeconds(60));
        return (n != null) ? n : 0;
    }

    private long threadBurst(Contender contender, ExecutorService pool, int inFlight, Duration duration, Checks checks)
            throws Exception {
        AtomicLong calls = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < inFlight; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() - end < 0 && calls.get() < settings.maxCalls()) {
                    checks.call(contender, idOf(calls.getAndIncrement()));
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        }
        return calls.get();
    }

    /** Sum of the ids 1 to n, what a correct walk over the stub's list returns. */
    private static long idSum(long n) {
        return n * (n + 1) / 2;
    }

    /** Walks the 10,000-item list: wall time and bytes allocated by every thread of this JVM. */
    private void listAll(Contender contender, boolean first, Checks checks, Map<String, Double> results) {
        long budget = Duration.ofSeconds(60).toNanos();
        for (int warm = 0; warm < (first ? 3 : 1); warm++) {
            contender.listAll(System.nanoTime() + budget);
        }
        double[] millis = new double[settings.listReps()];
        double[] megabytes = new double[settings.listReps()];
        for (int rep = 0; rep < settings.listReps(); rep++) {
            long bytes0 = allocatedBytes();
            long t0 = System.nanoTime();
            long sum;
            try {
                sum = contender.listAll(t0 + budget);
            }
            catch (RuntimeException ex) {
                checks.fail(ex.toString());
                return;
            }
            long elapsed = System.nanoTime() - t0;
            long bytes = allocatedBytes() - bytes0;
            if (sum != idSum(LIST_TOTAL)) {
                checks.fail("walk of " + LIST_TOTAL + " gave id sum " + sum + " instead of " + idSum(LIST_TOTAL));
            }
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
    private void streamHeap(Contender contender, Checks checks, Map<String, Double> results) throws Exception {
        long t0 = System.nanoTime();
        HeapSampler sampler = HeapSampler.start(settings.sampleEvery());
        long sum;
        try {
            sum = contender.listAll(t0 + Duration.ofSeconds(180).toNanos());
        }
        finally {
            sampler.close();
        }
        long elapsed = System.nanoTime() - t0;
        if (sum != idSum(BIG_TOTAL)) {
            checks.fail("walk of " + BIG_TOTAL + " gave id sum " + sum + " instead of " + idSum(BIG_TOTAL));
        }
        HeapSampler.Heap heap = sampler.finish();
        results.put("stream100k.millis", elapsed / 1e6);
        results.put("stream100k.heapStartMB", heap.start() / 1e6);
        results.put("stream100k.heapPeakMB", heap.peak() / 1e6);
        results.put("stream100k.heapEndMB", heap.end() / 1e6);
        results.put("stream100k.samples", (double) heap.samples());
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
}
