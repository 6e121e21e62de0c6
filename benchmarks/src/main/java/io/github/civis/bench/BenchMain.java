package io.github.civis.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

import io.github.civis.bench.contender.Contenders;
import io.github.civis.bench.load.LoadRunner;
import io.github.civis.bench.load.Loopback;
import io.github.civis.bench.report.Report;
import io.github.civis.bench.stub.StubServer;

/**
 * Runs every benchmark and prints the table: starts the stub (or checks that {@code --target}
 * is on loopback), measures its ceiling, runs the JMH decoding benchmark, runs each contender's
 * load scenarios in a JVM of its own, times the startup of a minimal Spring Boot application
 * with and without the starter, then writes {@code bench-results.json}.
 *
 * <p>Options: {@code --quick}, {@code --target URL} (a running stub on loopback),
 * {@code --out FILE}, {@code --starter-classpath FILE} (classpath with the starter),
 * {@code --skip-peer REASON}, {@code --only NAMES} (comma-separated contenders),
 * {@code --jfr DIR} (record each contender's JVM with Flight Recorder).
 */
public final class BenchMain {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** No child may run longer than this; a hung one is killed and reported. */
    private static final long CHILD_TIMEOUT_SECONDS = 600;

    private boolean quick;

    private String target;

    private Path out = Path.of("target", "bench-results.json");

    private Path starterClasspath;

    private String skipPeer;

    private List<String> only;

    private Path jfrDir;

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
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        main.run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        List<String> contenders = new ArrayList<>(Contenders.available());
        if (only != null) {
            contenders.retainAll(only);
            if (only.contains(Contenders.PROPOSAL_PAGEWISE)) {
                contenders.add(Contenders.PROPOSAL_PAGEWISE);
            }
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
            stubCeiling(url);
            decode(contenders);
            load(contenders, url);
            startup(url);
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

    /** Over the wire: each contender in a JVM of its own, repeated and interleaved in a full run. */
    private void load(List<String> contenders, String url) throws Exception {
        List<String> order = new ArrayList<>(contenders);
        order.add(Contenders.CEILING);
        int forks = quick ? 1 : 2;
        Map<String, List<Map<String, Double>>> runs = new LinkedHashMap<>();
        for (int fork = 0; fork < forks; fork++) {
            for (String contender : order) {
                System.out.println("== load: " + contender + " (run " + (fork + 1) + "/" + forks + ")");
                runs.computeIfAbsent(contender, k -> new ArrayList<>()).add(runChild(contender, url, fork));
            }
            // The next round starts with a different contender so that none always runs on a cold machine.
            Collections.rotate(order, 1);
        }
        scenario(runs, "credentials.get, 1 thread", "calls/s", true, "get1.callsPerSec");
        scenario(runs, "credentials.get, 1 thread, p50", "µs", false, "get1.p50Micros");
        scenario(runs, "credentials.get, 1 thread, p99", "µs", false, "get1.p99Micros");
        scenario(runs, "credentials.get, 64 in flight", "calls/s", true, "inflight64.callsPerSec");
        scenario(runs, "listAll over 10,000 credentials", "ms", false, "listAll10k.millis");
        scenario(runs, "listAll over 10,000 credentials, allocated", "MB", false, "listAll10k.allocMB");
        scenario(runs, "stream 100,000 credentials", "ms", false, "stream100k.millis");
        scenario(runs, "stream 100,000 credentials, heap peak after GC", "MB", false, "stream100k.heapPeakMB");
        for (Map.Entry<String, List<Map<String, Double>>> entry : runs.entrySet()) {
            for (Map<String, Double> run : entry.getValue()) {
                if (run.containsKey("stream100k.heapStartMB")) {
                    report.note(String.format(Locale.ROOT, "heap while streaming 100,000 (%s): start %.1f MB, peak %.1f MB, end %.1f MB after GC (%.0f samples)",
                            entry.getKey(), run.get("stream100k.heapStartMB"), run.get("stream100k.heapPeakMB"),
                            run.get("stream100k.heapEndMB"), run.get("stream100k.samples")));
                }
            }
        }
    }

    private void scenario(Map<String, List<Map<String, Double>>> runs, String name, String unit, boolean higherIsBetter, String key) {
        Report.Builder builder = new Report.Builder(name, unit, higherIsBetter);
        runs.forEach((contender, list) -> list.forEach(run -> builder.add(contender, run.get(key))));
        report.add(builder.build());
    }

    private Map<String, Double> runChild(String contender, String url, int fork) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g"));
        if (jfrDir != null) {
            Files.createDirectories(jfrDir);
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfrDir.resolve(contender + "-" + fork + ".jfr"));
        }
        command.addAll(List.of("-cp", classpath, LoadRunner.class.getName(), "--contender", contender, "--target", url));
        if (quick) {
            command.add("--quick");
        }
        List<String> output = runProcess(command);
        for (String line : output) {
            if (line.startsWith("RESULT ")) {
                return JSON.readValue(line.substring("RESULT ".length()), new TypeReference<Map<String, Double>>() {
                });
            }
        }
        System.out.println("   " + contender + " failed: " + String.join("\n   ", output));
        return Map.of();
    }

    /** Startup of the minimal Spring Boot application with and without the starter. */
    private void startup(String url) throws Exception {
        System.out.println("== startup");
        if (starterClasspath == null || !Files.isReadable(starterClasspath)) {
            report.note("startup with and without the starter: skipped — civis-spring-boot-starter is not on a classpath here "
                    + "(scripts/bench enables it when the module exists); minimal app alone measured");
        }
        String withStarter = (starterClasspath != null && Files.isReadable(starterClasspath))
                ? Files.readString(starterClasspath).trim() : null;
        Report.Builder builder = new Report.Builder("startup of a minimal Spring Boot app", "ms", false);
        int reps = quick ? 2 : 5;
        for (int rep = 0; rep < reps; rep++) {
            builder.add("without-starter", startOnce(classpath, url, false));
            if (withStarter != null) {
                builder.add("with-starter", startOnce(withStarter, url, true));
            }
        }
        report.add(builder.build());
    }

    private Double startOnce(String cp, String url, boolean starter) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx256m", "-cp", cp,
                "io.github.civis.bench.startup.MinimalApp"));
        if (starter) {
            command.addAll(List.of("--civis.api-key=bench-key", "--civis.base-url=" + url));
        }
        for (String line : runProcess(command)) {
            Matcher m = Pattern.compile("STARTUP_MS=(\\d+) CIVIS_BEANS=(\\d+)").matcher(line);
            if (m.find()) {
                if (starter && Integer.parseInt(m.group(2)) == 0) {
                    report.note("with-starter: the application had no Civis beans; the starter's auto-configuration did not run");
                }
                return Double.parseDouble(m.group(1));
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
