package io.github.civis.bench.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.CivisClient;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.files.UploadOptions;

/**
 * Download and upload throughput of one large object through the client's file transfers ({@code client.fileTransfers()})
 * against a running simulator, with {@code curl} as the contender in the same run, and the peak
 * heap left after garbage collection (the heap pools' usage after their latest collection,
 * sampled every 100 ms). Run it with a small {@code -Xmx} (scripts/bench-files uses 64 MB): it
 * proves that memory does not grow with the file, since a client holding the file would fail
 * with OutOfMemoryError.
 *
 * <p>Each round runs four trials: the client's download into a file, curl's download of the
 * same storage URL into a file, the client's upload from the source file, and curl's upload of
 * the same bytes the way the client sends them (above the multipart threshold: {@code POST
 * /files/multipart}, one {@code PUT} per part to its presigned URL, as many at once as the
 * client's part concurrency, then {@code POST /files/multipart/{id}/complete}; below it: the
 * presigned form {@code POST}). Within a pair the order alternates from round to round. Every
 * download is checked byte for byte (SHA-256), every upload by its stored size.
 *
 * <pre>FileTransferBench &lt;base-url&gt; &lt;api-key&gt; &lt;size-in-MB&gt; &lt;work-directory&gt; [rounds] [curl|none]</pre>
 */
public final class FileTransferBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final long CURL_TIMEOUT_SECONDS = 600;

    private FileTransferBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 6) {
            System.err.println("usage: FileTransferBench <base-url> <api-key> <size-in-MB> <work-directory> "
                    + "[rounds] [curl|none]");
            System.exit(2);
        }
        String baseUrl = args[0].endsWith("/") ? args[0] : args[0] + "/";
        String key = args[1];
        long size = Long.parseLong(args[2]) * 1024 * 1024;
        Path work = Files.createDirectories(Path.of(args[3]));
        int rounds = (args.length > 4) ? Integer.parseInt(args[4]) : 3;
        String curl = (args.length > 5) ? args[5] : "curl";
        boolean withCurl = !curl.equals("none");
        requireLoopback(URI.create(baseUrl));

        Path source = work.resolve("bench-source.bin");
        Path copy = work.resolve("bench-copy.bin");
        String sourceDigest = writeRandom(source, size);
        boolean multipart = size > FileTransferSettings.DEFAULT_MULTIPART_THRESHOLD;
        long partSize = UploadOptions.defaultPartSize(size);
        int partCount = (int) ((size + partSize - 1) / partSize);
        int partConcurrency = FileTransferSettings.defaults().partConcurrency();
        List<Path> parts = (withCurl && multipart) ? split(source, partSize, work) : List.of();
        double mb = size / (1024.0 * 1024.0);
        System.out.printf("file size:            %.0f MB (%s)%n", mb, multipart
                ? partCount + " parts of " + (partSize / (1024 * 1024)) + " MB, " + partConcurrency + " at once"
                : "one presigned form POST");

        AtomicLong peakAfterGc = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(() -> peakAfterGc.accumulateAndGet(heapAfterGc(), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        Map<String, List<Double>> results = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey(key).build()) {
            // Warm-up, untimed: the object every download trial reads, and the JIT's first pass.
            long id = client.fileTransfers().upload(source, "bench.bin", UploadOptions.defaults());
            client.fileTransfers().download(id, copy);
            check("warm-up download", copy, sourceDigest);
            URI storageUrl = client.fileTransfers().downloadUrl(id);
            for (int round = 1; round <= rounds; round++) {
                boolean clientFirst = round % 2 == 1;
                for (String direction : List.of("download", "upload")) {
                    for (int turn = 0; turn < (withCurl ? 2 : 1); turn++) {
                        boolean ours = (turn == 0) == clientFirst || !withCurl;
                        String contender = (ours ? "client" : "curl") + " " + direction;
                        long heapBefore = peakAfterGc.getAndSet(heapAfterGc());
                        long start = System.nanoTime();
                        long cpuStart = ours ? processCpuNanos() : childCpuNanos;
                        long uploaded = 0;
                        if (direction.equals("download")) {
                            if (ours) {
                                client.fileTransfers().download(id, copy);
                            }
                            else {
                                run(curl, "-sS", "--fail", "-o", copy.toString(), storageUrl.toString());
                            }
                        }
                        else if (ours) {
                            uploaded = client.fileTransfers().upload(source, "bench-up.bin", UploadOptions.defaults());
                        }
                        else {
                            uploaded = multipart ? curlMultipart(curl, baseUrl, key, parts, partConcurrency, work)
                                    : curlForm(curl, baseUrl, key, source, work);
                        }
                        double seconds = (System.nanoTime() - start) / 1e9;
                        double cpuSeconds = ((ours ? processCpuNanos() : childCpuNanos) - cpuStart) / 1e9;
                        if (direction.equals("download")) {
                            check(contender, copy, sourceDigest);
                            Files.delete(copy);
                        }
                        else {
                            checkStoredSize(contender, client, uploaded, size);
                        }
                        results.computeIfAbsent(contender, name -> new ArrayList<>()).add(mb / seconds);
                        cpu.computeIfAbsent(contender, name -> new ArrayList<>()).add(mb / cpuSeconds);
                        long trialPeak = peakAfterGc.get();
                        peakAfterGc.accumulateAndGet(heapBefore, Math::max);
                        System.out.printf("round %d  %-16s %6.1f s  %7.1f MB/s   CPU %5.1f s, %7.1f MB per CPU-s"
                                + "   heap after GC, peak %.1f MB%n", round, contender, seconds, mb / seconds,
                                cpuSeconds, mb / cpuSeconds, trialPeak / (1024.0 * 1024.0));
                    }
                }
            }
        }
        finally {
            sampler.shutdownNow();
            Files.deleteIfExists(source);
            Files.deleteIfExists(copy);
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
        System.out.println();
        System.out.println("| trial | MB/s, median (min–max) | MB per CPU-second, median (min–max) |");
        System.out.println("| --- | ---: | ---: |");
        results.forEach((name, values) -> System.out.printf("| %s | %.1f (%.1f–%.1f) | %.1f (%.1f–%.1f) |%n", name,
                median(values), min(values), max(values), median(cpu.get(name)), min(cpu.get(name)),
                max(cpu.get(name))));
        if (withCurl) {
            for (String direction : List.of("download", "upload")) {
                List<Double> ratios = ratios(results, direction);
                List<Double> cpuRatios = ratios(cpu, direction);
                System.out.printf("| client vs curl, %s (per-round ratio) | %.2f× (%.2f–%.2f) | %.2f× (%.2f–%.2f) |%n",
                        direction, median(ratios), min(ratios), max(ratios), median(cpuRatios), min(cpuRatios),
                        max(cpuRatios));
            }
        }
        System.out.printf("%npeak heap after GC:   %.1f MB (max heap %d MB)%n", peakAfterGc.get() / (1024.0 * 1024.0),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.println("every download byte-exact (sha-256 " + sourceDigest.substring(0, 16) + "), every upload "
                + "stored with " + size + " bytes");
    }

    /** Client over curl, round by round. */
    private static List<Double> ratios(Map<String, List<Double>> figures, String direction) {
        List<Double> ours = figures.get("client " + direction);
        List<Double> theirs = figures.get("curl " + direction);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            ratios.add(ours.get(i) / theirs.get(i));
        }
        return ratios;
    }

    /**
     * curl's multipart upload: the same calls the client makes, with the parts PUT
     * {@code concurrency} at a time by one curl ({@code --parallel}). The parts are files of
     * their own (split before the trial), since curl uploads whole files.
     */
    private static long curlMultipart(String curl, String baseUrl, String key, List<Path> parts, int concurrency,
            Path work) throws Exception {
        JsonNode created = api(curl, baseUrl + "files/multipart", key,
                "{\"name\":\"bench-up.bin\",\"numParts\":" + parts.size() + "}", work);
        long id = created.path("id").asLong();
        JsonNode urls = created.path("uploadUrls");
        List<String> command = new ArrayList<>(List.of(curl, "-sS", "--no-progress-meter", "--fail", "-o", "/dev/null", "--parallel",
                "--parallel-max", String.valueOf(concurrency), "-H", "Content-Type: application/octet-stream"));
        for (int part = 0; part < parts.size(); part++) {
            command.addAll(List.of("-T", parts.get(part).toString(), urls.get(part).asString()));
        }
        run(command.toArray(String[]::new));
        api(curl, baseUrl + "files/multipart/" + id + "/complete", key, "", work);
        return id;
    }

    /** curl's form upload: {@code POST /files}, then the presigned form with its fields and the file. */
    private static long curlForm(String curl, String baseUrl, String key, Path source, Path work) throws Exception {
        JsonNode created = api(curl, baseUrl + "files", key, "{\"name\":\"bench-up.bin\"}", work);
        List<String> command = new ArrayList<>(List.of(curl, "-sS", "--fail", "-o", "/dev/null"));
        for (Map.Entry<String, JsonNode> field : created.path("uploadFields").properties()) {
            command.addAll(List.of("--form-string", field.getKey() + "=" + field.getValue().asString()));
        }
        command.addAll(List.of("-F", "file=@" + source + ";type=application/octet-stream",
                created.path("uploadUrl").asString()));
        run(command.toArray(String[]::new));
        return created.path("id").asLong();
    }

    /** A JSON POST to the API through curl; the key goes in a header file, never on a command line. */
    private static JsonNode api(String curl, String url, String key, String body, Path work) throws Exception {
        Path headers = work.resolve("api-headers.txt");
        Files.writeString(headers, "Authorization: Bearer " + key + "\nContent-Type: application/json\n");
        Path answer = work.resolve("api-answer.json");
        try {
            run(curl, "-sS", "--fail", "-H", "@" + headers, "-X", "POST", "--data-binary", body, "-o",
                    answer.toString(), url);
            return JSON.readTree(Files.readString(answer));
        }
        finally {
            Files.deleteIfExists(headers);
            Files.deleteIfExists(answer);
        }
    }

    /**
     * Runs a command through {@code bash}, whose {@code times} then gives the CPU time (user and
     * system) the command used; that time is added to {@link #childCpuNanos}.
     */
    private static void run(String... command) throws Exception {
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "\"$@\" >&2; code=$?; times; exit $code", "bash"));
        wrapped.addAll(List.of(command));
        Process process = new ProcessBuilder(wrapped).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(CURL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command[0] + " did not finish in " + CURL_TIMEOUT_SECONDS + " s");
        }
        String times = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " failed with exit code " + process.exitValue());
        }
        // "0m0.001s 0m0.002s" for the shell, then the same for its children
        String[] lines = times.strip().split("\n");
        for (String time : lines[lines.length - 1].trim().split("\\s+")) {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s").matcher(time);
            if (matcher.matches()) {
                childCpuNanos += (long) ((Long.parseLong(matcher.group(1)) * 60 + Double.parseDouble(matcher.group(2)))
                        * 1e9);
            }
        }
    }

    /** CPU time used so far by the curl commands run (only the main thread runs them). */
    private static long childCpuNanos;

    /** CPU time used so far by this JVM, every thread (GC and JIT included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<Path> split(Path source, long partSize, Path work) throws IOException {
        List<Path> parts = new ArrayList<>();
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = in.size();
            for (long offset = 0; offset < size; offset += partSize) {
                Path part = work.resolve("bench-part-" + (parts.size() + 1) + ".bin");
                try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    long length = Math.min(partSize, size - offset);
                    for (long done = 0; done < length;) {
                        done += in.transferTo(offset + done, length - done, out);
                    }
                }
                parts.add(part);
            }
        }
        return parts;
    }

    private static void check(String trial, Path copy, String expected) throws Exception {
        String actual = digest(copy);
        if (!actual.equals(expected)) {
            throw new IllegalStateException(trial + ": the downloaded file differs from the source (sha-256 "
                    + actual + ", expected " + expected + ")");
        }
    }

    private static void checkStoredSize(String trial, CivisClient client, long id, long size) {
        Long stored = client.files().get(id).fileSize();
        if (stored == null || stored != size) {
            throw new IllegalStateException(trial + ": file " + id + " was stored with " + stored + " bytes, not "
                    + size);
        }
    }

    private static void requireLoopback(URI url) throws IOException {
        if (!java.net.InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("the simulator must be on a loopback address, not " + url.getHost());
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    private static String writeRandom(Path path, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(17);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                sha.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String digest(Path path) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[1024 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                sha.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
