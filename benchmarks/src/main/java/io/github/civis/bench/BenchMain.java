package io.github.civis.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.bench.contender.BlockingIoProposal;
import io.github.civis.bench.contender.Contenders;
import io.github.civis.bench.load.LoadRunner;
import io.github.civis.bench.load.Loopback;
import io.github.civis.bench.report.Report;
import io.github.civis.bench.sql.SqlSimulatorServer;
import io.github.civis.bench.sql.SqlStreamRunner;
import io.github.civis.bench.stub.StubServer;

/**
 * Runs every benchmark and prints the table: starts the stub (or checks that {@code --target}
 * is on loopback), measures its ceiling, runs the JMH decoding benchmark, runs the load
 * scenarios with every contender in a JVM of its own, trial after trial in alternating order,
 * times the startup of a minimal Spring Boot application with and without the starter, then
 * writes {@code bench-results.json}.
 *
 * <p>Options: {@code --quick}, {@code --target URL} (a running stub on loopback),
 * {@code --out FILE}, {@code --starter-classpath FILE} (classpath with the starter),
 * {@code --skip-peer REASON}, {@code --only NAMES} (comma-separated contenders),
 * {@code --jfr DIR} (record each contender's JVM with Flight Recorder),
 * {@code --parts ceiling,decode,load,startup} (which parts to run; all by default),
 * {@code --scenarios single,inflight,latency256,listAll,stream,sqlStream} (which load scenarios; all by default),
 * {@code --trials N} (interleaved trials per scenario; 3 with {@code --quick}, else 5).
 */
public final class BenchMain {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** No child may run longer than this; a hung one is killed and reported. */
    private static final long CHILD_TIMEOUT_SECONDS = 600;

    private boolean quick;

    private Integer trials;

    private String target;

    private Path out = Path.of("target", "bench-results.json");

    private Path starterClasspath;

    private String skipPeer;

    private List<String> only;

    private Path jfrDir;

    private List<String> parts = List.of("ceiling", "decode", "load", "startup");

    private List<String> scenarios = allScenarios();

    private final String classpath = System.getProperty("java.class.path");

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Report report = new Report();

    /**
     * Entry point of {@code scripts/bench}.
     * @param args see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        BenchMain main = new BenchMain();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> main.quick = true;
                case "--target" -> main.target = Loopback.require(args[++i]);
                case "--out" -> main.out = Path.of(args[++i]);
                case "--starter-classpath" -> main.starterClasspath = Path.of(args[++i]);
                case "--skip-peer" -> main.skipPeer = args[++i];
                case "--only" -> main.only = List.of(args[++i].split(","));
                case "--jfr" -> main.jfrDir = Path.of(args[++i]);
                case "--parts" -> main.parts = List.of(args[++i].split(","));
                case "--scenarios" -> main.scenarios = List.of(args[++i].split(","));
                case "--trials" -> main.trials = positive("--trials", args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        main.run();
    }

    private int trials() {
        return (trials != null) ? trials : quick ? 3 : 5;
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number above 0, was '" + value + "'");
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        List<String> contenders = new ArrayList<>(Contenders.available());
        if (only != null) {
            contenders.retainAll(only);
            if (only.contains(Contenders.PROPOSAL_PAGEWISE)) {
                contenders.add(Contenders.PROPOSAL_PAGEWISE);
            }
            if (only.contains(BlockingIoProposal.NAME)) {
                contenders.add(BlockingIoProposal.NAME);
            }
        }
        if (!Contenders.virtualThreadsAvailable()) {
            report.note(Contenders.OURS_VIRTUAL + ": skipped, virtual threads need Java 21 or later; this runtime is "
                    + Runtime.version() + " (scripts/bench --java PATH runs the harness on another JDK)");
        }
        if (!Contenders.peerAvailable()) {
            report.note("openapi-generator: skipped — " + ((skipPeer != null) ? skipPeer : "its client was not generated in this build (scripts/bench generates it with -Ppeer)"));
        }
        Process stub = null;
        String url = target;
        try {
            if (url == null) {
                stub = startStub();
                url = readStubUrl(stub);
            }
            System.out.println("stub: " + url);
            if (parts.contains("ceiling")) {
                stubCeiling(url);
            }
            if (parts.contains("decode")) {
                decode(contenders);
            }
            if (parts.contains("load")) {
                load(contenders, url);
            }
            if (parts.contains("load") && scenarios.contains(SQL_STREAM)) {
                sqlStream(contenders);
            }
            if (parts.contains("startup")) {
                startup(url);
            }
        }
        finally {
            if (stub != null) {
                stub.getOutputStream().close();
                if (!stub.waitFor(10, TimeUnit.SECONDS)) {
                    stub.destroyForcibly();
                }
            }
        }
        report.note(String.format(Locale.ROOT, "%s run, %d cores, %s; took %.0f s", quick ? "quick" : "full",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                (System.nanoTime() - started) / 1e9));
        System.out.println();
        System.out.println(report.table());
        report.write(out);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private Process startStub() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms512m", "-Xmx512m", "-cp", classpath,
                StubServer.class.getName(), "--total", Long.toString(LoadRunner.LIST_TOTAL), "--big-total",
                Long.toString(LoadRunner.BIG_TOTAL), "--max-seconds", "1800");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return builder.start();
    }

    private static String readStubUrl(Process stub) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 100; i++) {
            String line = reader.readLine();
            if (line == null) {
                break;
            }
            if (line.startsWith("STUB_URL=")) {
                return Loopback.require(line.substring("STUB_URL=".length()));
            }
        }
        throw new IllegalStateException("the stub server did not start");
    }

    /** The stub's own ceiling: wrk when installed, and a bare Netty client that decodes nothing. */
    private void stubCeiling(String url) throws Exception {
        System.out.println("== stub ceiling");
        int seconds = quick ? 3 : 10;
        Report.Builder wrk = new Report.Builder("stub ceiling, wrk (1 thread, 64 connections)", "calls/s", true);
        // The stub's JIT warms up first: a cold server would report a ceiling it does not have.
        wrk(url, 1, 64, 2);
        Double rate = wrk(url, 1, 64, seconds);
        if (rate != null) {
            wrk.add("wrk", rate);
            report.add(wrk.build());
        }
        else {
            report.note("wrk not installed: the stub ceiling is given by the bare Netty client only (apt-get install -y wrk)");
        }
    }

    private Double wrk(String url, int threads, int connections, int seconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "-H", "Authorization: Bearer bench-key", url + "credentials/42");
        builder.redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    /** JMH, in process: one page of 50 scripts decoded into each contender's types. */
    private void decode(List<String> contenders) throws Exception {
        System.out.println("== decode (JMH)");
        ChainedOptionsBuilder options = new OptionsBuilder().include("\\.DecodeBenchmark\\.")
            .forks(quick ? 1 : 2)
            .warmupIterations(quick ? 3 : 5)
            .warmupTime(TimeValue.milliseconds(quick ? 700 : 1000))
            .measurementIterations(quick ? 5 : 10)
            .measurementTime(TimeValue.milliseconds(quick ? 500 : 1000))
            .addProfiler(GCProfiler.class)
            .jvmArgs("-Xms1g", "-Xmx1g")
            .shouldFailOnError(true);
        if (contenders.contains(Contenders.PEER)) {
            options.include("\\.PeerDecodeBenchmark\\.");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Report.Builder time = new Report.Builder("decode one page of 50 large scripts", "µs/page", false);
        Report.Builder alloc = new Report.Builder("decode one page of 50 large scripts, allocated", "KB/page", false);
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            String contender = switch (method) {
                case "ours" -> "ours";
                case "oursViaString" -> "ours-via-string";
                case "raw" -> "raw";
                default -> Contenders.PEER;
            };
            // Median and range over iterations: on a shared machine one iteration that loses the
            // CPU to a neighbour moves JMH's mean far more than the median.
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    time.add(contender, iteration.getPrimaryResult().getScore());
                    Result<?> norm = iteration.getSecondaryResults().get("gc.alloc.rate.norm");
                    if (norm != null) {
                        alloc.add(contender, norm.getScore() / 1e3);
                    }
                }
            }
            report.note(String.format(Locale.ROOT, "decode %s: %.1f ± %.1f µs/page (JMH mean, 99.9%% interval)", contender,
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()));
        }
        report.add(time.build());
        report.add(alloc.build());
    }

    /** A figure a load scenario reports: its table row and the key of the runner's result. */
    private record Figure(String name, String unit, boolean higherIsBetter, String key) {
    }

    /** The figures of each load scenario, in table order. */
    private static final Map<String, List<Figure>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("single", List.of(new Figure("credentials.get, 1 thread", "calls/s", true, "get1.callsPerSec"),
                new Figure("credentials.get, 1 thread, p50", "µs", false, "get1.p50Micros"),
                new Figure("credentials.get, 1 thread, p99", "µs", false, "get1.p99Micros"),
                new Figure("credentials.get, 1 thread, allocated per call (all threads)", "KB", false, "get1.allocKBPerCall"),
                new Figure("credentials.get, 1 thread, CPU per call (whole JVM)", "µs", false, "get1.cpuMicrosPerCall")));
        FIGURES.put("inflight", List.of(new Figure("credentials.get, 64 in flight", "calls/s", true, "inflight64.callsPerSec"),
                new Figure("credentials.get, 64 in flight, CPU per call (whole JVM)", "µs", false, "inflight64.cpuMicrosPerCall"),
                new Figure("credentials.get, 64 in flight, threads put to sleep per call (whole JVM)", "switches", false,
                        "inflight64.sleepsPerCall")));
        FIGURES.put("latency256", List.of(
                new Figure("credentials.get, 256 in flight, 50 ms stub latency", "calls/s", true, "latency256.callsPerSec"),
                new Figure("same, share of the 256 / 50 ms ceiling (5,120 calls/s)", "%", true, "latency256.percentOfCeiling")));
        FIGURES.put("listAll", List.of(new Figure("listAll over 10,000 credentials", "ms", false, "listAll10k.millis"),
                new Figure("listAll over 10,000 credentials, allocated", "MB", false, "listAll10k.allocMB")));
        FIGURES.put("stream", List.of(new Figure("stream 100,000 credentials", "ms", false, "stream100k.millis"),
                new Figure("stream 100,000 credentials, heap peak after GC", "MB", false, "stream100k.heapPeakMB")));
    }

    /**
     * Over the wire: each contender in a JVM of its own, kept up for the whole run; every
     * scenario runs several trials, and in each trial every contender once, in an order that
     * alternates (A B C D, D C B A, B C D A, A D C B, …) so that none always runs first or last,
     * on a machine that just got busier or quieter. Ratios are taken within a trial.
     */
    private void load(List<String> contenders, String url) throws Exception {
        if (FIGURES.keySet().stream().noneMatch(scenarios::contains)) {
            return;
        }
        List<String> all = new ArrayList<>(contenders);
        all.add(Contenders.CEILING);
        int trials = trials();
        Map<String, ChildRunner> runners = new LinkedHashMap<>();
        try {
            for (String contender : all) {
                runners.put(contender, new ChildRunner(contender, url));
            }
            for (ChildRunner runner : runners.values()) {
                runner.awaitReady();
            }
            for (Map.Entry<String, List<Figure>> scenario : FIGURES.entrySet()) {
                String name = scenario.getKey();
                if (!scenarios.contains(name)) {
                    continue;
                }
                List<String> participants = new ArrayList<>(all);
                if (name.equals("listAll") || name.equals("stream")) {
                    participants.remove(Contenders.CEILING);
                }
                if (!name.equals("inflight") && !name.equals("latency256")) {
                    // Outside the in-flight scenarios they make the same blocking calls as openapi-generator.
                    participants.remove(Contenders.PEER_BLOCKING);
                    participants.remove(Contenders.PEER_BLOCKING_VIRTUAL);
                }
                Map<String, Report.Builder> builders = new LinkedHashMap<>();
                for (Figure figure : scenario.getValue()) {
                    builders.put(figure.key(), new Report.Builder(figure.name(), figure.unit(), figure.higherIsBetter()));
                }
                for (int trial = 0; trial < trials; trial++) {
                    List<String> order = new ArrayList<>(participants);
                    Collections.rotate(order, -(trial / 2));
                    if (trial % 2 == 1) {
                        Collections.reverse(order);
                    }
                    System.out.println("== " + name + ", trial " + (trial + 1) + "/" + trials + ": " + String.join(" ", order));
                    for (String contender : order) {
                        Map<String, Double> figures = runners.get(contender).trial(name);
                        if (figures.containsKey("errors") || figures.isEmpty()) {
                            report.note(String.format(Locale.ROOT, "%s, %s trial %d: %s failed or wrong answers; its figures of that trial are not used",
                                    contender, name, trial + 1, (figures.containsKey("errors")) ? Report.format(figures.get("errors")) : "no result,"));
                            continue;
                        }
                        for (Figure figure : scenario.getValue()) {
                            builders.get(figure.key()).add(contender, trial, figures.get(figure.key()));
                        }
                        if (figures.containsKey("stream100k.heapStartMB")) {
                            report.note(String.format(Locale.ROOT, "heap while streaming 100,000 (%s, trial %d): start %.1f MB, peak %.1f MB, end %.1f MB after GC (%.0f samples)",
                                    contender, trial + 1, figures.get("stream100k.heapStartMB"), figures.get("stream100k.heapPeakMB"),
                                    figures.get("stream100k.heapEndMB"), figures.get("stream100k.samples")));
                        }
                    }
                }
                builders.values().forEach(builder -> report.add(builder.build()));
            }
        }
        finally {
            for (ChildRunner runner : runners.values()) {
                runner.close();
            }
        }
    }

    /** The SQL streaming scenario's name in {@code --scenarios}. */
    private static final String SQL_STREAM = "sqlStream";

    /** Rows of the SQL streaming scenario's table. */
    private static final long SQL_ROWS = 1_000_000;

    /** The heap of each SQL streaming trial's JVM: the bound the scenario must stay under. */
    private static final String SQL_HEAP = "-Xmx64m";

    private static List<String> allScenarios() {
        List<String> all = new ArrayList<>(LoadRunner.SCENARIOS);
        all.add(SQL_STREAM);
        return List.copyOf(all);
    }

    /**
     * SQL stream of 1,000,000 rows: the simulator, seeded with a generated table, in a JVM of its
     * own on 127.0.0.1; each trial a fresh JVM of 64 MB heap per contender (ours-blocking:
     * {@code client.sql().stream}, ours-reactive: {@code client.reactiveSql().stream}), alternating
     * which goes first. Every row is checked; rows/s are counted from the first row to the last,
     * the end-to-end time adds the export run and the writing of the result file.
     */
    private void sqlStream(List<String> contenders) throws Exception {
        List<String> participants = new ArrayList<>(List.of("ours-blocking", "ours-reactive"));
        participants.retainAll(contenders);
        if (participants.isEmpty()) {
            report.note("SQL stream: skipped, neither ours-blocking nor ours-reactive is among the contenders");
            return;
        }
        int trials = trials();
        Report.Builder rate = new Report.Builder("SQL stream 1,000,000 rows, read", "rows/s", true);
        Report.Builder total = new Report.Builder("SQL stream 1,000,000 rows, end to end (export run included)", "s", false);
        Report.Builder heap = new Report.Builder("SQL stream 1,000,000 rows, heap peak after GC (64 MB heap)", "MB", false);
        Process server = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath, SqlSimulatorServer.class.getName(),
                Long.toString(SQL_ROWS), "bench-key", "1800")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try {
            String url = null;
            BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < 100 && url == null; i++) {
                String line = reader.readLine();
                if (line == null) {
                    break;
                }
                if (line.startsWith("SIMULATOR_URL=")) {
                    url = Loopback.require(line.substring("SIMULATOR_URL=".length()));
                }
            }
            if (url == null) {
                report.note("SQL stream: the simulator did not start; scenario skipped");
                return;
            }
            for (int trial = 0; trial < trials; trial++) {
                List<String> order = new ArrayList<>(participants);
                if (trial % 2 == 1) {
                    Collections.reverse(order);
                }
                System.out.println("== " + SQL_STREAM + ", trial " + (trial + 1) + "/" + trials + ": " + String.join(" ", order));
                for (String contender : order) {
                    String mode = contender.equals("ours-reactive") ? "reactive" : "blocking";
                    Map<String, Double> figures = sqlTrial(url, mode);
                    if (figures.isEmpty() || figures.containsKey("errors")) {
                        report.note(String.format(Locale.ROOT, "%s, %s trial %d: failed or wrong rows; its figures of that trial are not used",
                                contender, SQL_STREAM, trial + 1));
                        continue;
                    }
                    rate.add(contender, trial, figures.get("sqlStream1m.rowsPerSec"));
                    total.add(contender, trial, figures.get("sqlStream1m.endToEndSeconds"));
                    heap.add(contender, trial, figures.get("sqlStream1m.heapPeakMB"));
                    report.note(String.format(Locale.ROOT, "heap while streaming 1,000,000 SQL rows (%s, trial %d, max heap %.0f MB): "
                            + "start %.1f MB, peak %.1f MB, end %.1f MB after GC (%.0f samples)", contender, trial + 1,
                            figures.get("sqlStream1m.maxHeapMB"), figures.get("sqlStream1m.heapStartMB"),
                            figures.get("sqlStream1m.heapPeakMB"), figures.get("sqlStream1m.heapEndMB"),
                            figures.get("sqlStream1m.samples")));
                }
            }
            report.add(rate.build());
            report.add(total.build());
            report.add(heap.build());
        }
        finally {
            server.getOutputStream().close();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** One SQL streaming trial in a fresh 64 MB JVM; empty when it fails or runs past its bound. */
    private Map<String, Double> sqlTrial(String url, String mode) throws Exception {
        long maxSeconds = 300;
        Process process = new ProcessBuilder(java, SQL_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", classpath,
                SqlStreamRunner.class.getName(), url, "bench-key", mode, Long.toString(SQL_ROWS), Long.toString(maxSeconds))
            .redirectErrorStream(true)
            .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            }
            catch (IOException ex) {
                // process gone
            }
        }, "sql-trial-" + mode);
        reader.setDaemon(true);
        reader.start();
        boolean ended = process.waitFor(maxSeconds + 30, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        reader.join(10_000);
        Map<String, Double> figures = Map.of();
        for (String line : lines) {
            if (line.startsWith("RESULT ")) {
                figures = JSON.readValue(line.substring("RESULT ".length()), new TypeReference<Map<String, Double>>() {
                });
            }
            else {
                System.out.println("   sql " + mode + ": " + line);
                if (line.startsWith("CHECK ") || line.contains("OutOfMemoryError")) {
                    report.note("SQL stream " + mode + ": " + line);
                }
            }
        }
        if (!ended || process.exitValue() != 0) {
            report.note("SQL stream " + mode + ": its JVM " + (ended ? "exited with " + process.exitValue() : "ran past its bound and was stopped"));
            return Map.of();
        }
        return figures;
    }

    /**
     * One contender's {@link LoadRunner} JVM, serving one trial per command. Every wait for it
     * is bounded; a runner that does not answer in time is killed and its trials count as failed.
     */
    private final class ChildRunner implements AutoCloseable {

        private final String contender;

        private final Process process;

        private final Writer commands;

        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        ChildRunner(String contender, String url) throws IOException {
            this.contender = contender;
            List<String> command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g"));
            // Experiment knobs (-Dbench.…) given to the harness reach every runner.
            System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("bench.")).sorted()
                .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
            if (jfrDir != null) {
                Files.createDirectories(jfrDir);
                command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfrDir.resolve(contender + ".jfr"));
            }
            command.addAll(List.of("-cp", classpath, LoadRunner.class.getName(), "--contender", contender, "--target", url, "--serve"));
            if (quick) {
                command.add("--quick");
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.redirectErrorStream(true);
            this.process = builder.start();
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                }
                catch (IOException ex) {
                    // process gone
                }
                lines.add("EXIT");
            }, "runner-" + contender);
            reader.setDaemon(true);
            reader.start();
        }

        void awaitReady() throws Exception {
            next("READY", 120);
        }

        Map<String, Double> trial(String scenario) throws Exception {
            if (!process.isAlive()) {
                return Map.of();
            }
            commands.write(scenario + "\n");
            commands.flush();
            String result = next("RESULT ", CHILD_TIMEOUT_SECONDS);
            if (result == null) {
                return Map.of();
            }
            return JSON.readValue(result.substring("RESULT ".length()), new TypeReference<Map<String, Double>>() {
            });
        }

        /** The next line starting with {@code prefix}; others are passed on to the console. */
        private String next(String prefix, long seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() - deadline < 0) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("EXIT")) {
                    break;
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.out.println("   " + contender + ": " + line);
                if (line.startsWith("CHECK ") || line.startsWith("FAILED ")) {
                    report.note(contender + ": " + line);
                }
            }
            System.out.println("   " + contender + ": no " + prefix.trim() + " in time; stopping it");
            process.destroyForcibly();
            return null;
        }

        @Override
        public void close() throws Exception {
            try {
                commands.close();
            }
            catch (IOException ex) {
                // already gone
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Startup of the minimal Spring Boot application with the starter, and of the same
     * application on the same classpath less the starter's own two jars (so with Boot's
     * {@code WebClient} support and the client library, which the application builds a
     * {@code WebClient} from): the difference is what the starter's auto-configuration costs.
     * The two alternate, and the added time is taken pair by pair.
     */
    private void startup(String url) throws Exception {
        System.out.println("== startup");
        if (starterClasspath == null || !Files.isReadable(starterClasspath)) {
            report.note("startup with and without the starter: skipped — civis-spring-boot-starter is not on a classpath here "
                    + "(scripts/bench enables it when the module exists)");
            return;
        }
        String withStarter = Files.readString(starterClasspath).trim();
        List<String> entries = new ArrayList<>();
        for (String entry : withStarter.split(File.pathSeparator)) {
            if (!Path.of(entry).getFileName().toString().startsWith("civis-spring-boot-")) {
                entries.add(entry);
            }
        }
        String without = String.join(File.pathSeparator, entries);
        Report.Builder builder = new Report.Builder("startup of a minimal Spring Boot app with a WebClient", "ms", false);
        Report.Builder added = new Report.Builder("startup, added by the starter", "ms", false);
        // The starting thread's CPU time: what the start-up costs without the waits for a core
        // that a busy machine adds to the wall time.
        Report.Builder addedCpu = new Report.Builder("startup, CPU time of the starting thread added by the starter",
                "ms", false);
        int reps = quick ? 3 : 8;
        if (!quick) {
            // One start of each, unmeasured: the first start of a JVM after a build reads cold files.
            startOnce(without, url, false);
            startOnce(withStarter, url, true);
        }
        for (int rep = 0; rep < reps; rep++) {
            Start a;
            Start b;
            if (rep % 2 == 0) {
                a = startOnce(without, url, false);
                b = startOnce(withStarter, url, true);
            }
            else {
                b = startOnce(withStarter, url, true);
                a = startOnce(without, url, false);
            }
            builder.add("without-starter", rep, (a != null) ? a.wallMillis() : null);
            builder.add("with-starter", rep, (b != null) ? b.wallMillis() : null);
            if (a != null && b != null) {
                added.add("with-starter", rep, b.wallMillis() - a.wallMillis());
                if (a.mainCpuMillis() != null && b.mainCpuMillis() != null) {
                    addedCpu.add("with-starter", rep, b.mainCpuMillis() - a.mainCpuMillis());
                }
            }
        }
        report.add(builder.build());
        report.add(added.build());
        report.add(addedCpu.build());
    }

    /** One start of {@code MinimalApp}: its wall time and the CPU time of its starting thread. */
    private record Start(double wallMillis, Double mainCpuMillis) {
    }

    private Start startOnce(String cp, String url, boolean starter) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx256m", "-cp", cp,
                "io.github.civis.bench.startup.MinimalApp"));
        if (starter) {
            command.addAll(List.of("--civis.api-key=bench-key", "--civis.base-url=" + url));
        }
        for (String line : runProcess(command)) {
            Matcher m = Pattern.compile("STARTUP_MS=(\\d+) CIVIS_BEANS=(\\d+)(?: MAIN_CPU_MS=(\\d+))?").matcher(line);
            if (m.find()) {
                if (starter && Integer.parseInt(m.group(2)) == 0) {
                    report.note("with-starter: the application had no Civis beans; the starter's auto-configuration did not run");
                }
                if (!starter && Integer.parseInt(m.group(2)) != 0) {
                    report.note("without-starter: the application had Civis beans; the starter was on its classpath");
                }
                Double mainCpu = (m.group(3) != null) ? Double.valueOf(m.group(3)) : null;
                return new Start(Double.parseDouble(m.group(1)), mainCpu);
            }
        }
        return null;
    }

    private static List<String> runProcess(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && lines.size() < 10_000) {
                    lines.add(line);
                }
            }
            catch (IOException ex) {
                // process gone
            }
        });
        reader.start();
        if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            lines.add("killed after " + CHILD_TIMEOUT_SECONDS + " s");
        }
        reader.join(10_000);
        return lines;
    }
}
