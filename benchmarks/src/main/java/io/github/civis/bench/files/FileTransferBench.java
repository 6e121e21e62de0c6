package io.github.civis.bench.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.civis.client.CivisClient;
import io.github.civis.client.files.UploadOptions;

/**
 * Upload and download throughput of one large file through {@code client.fileTransfers()} against a
 * running simulator, and the peak heap left after garbage collection while doing it (the
 * heap pools' usage after their latest collection, sampled every 100 ms). Run it with a small
 * {@code -Xmx} (scripts/bench-files uses 64 MB): it proves that memory does not grow with the
 * file, since a client holding the file would fail with OutOfMemoryError.
 *
 * <pre>FileTransferBench &lt;base-url&gt; &lt;api-key&gt; &lt;size-in-MB&gt; &lt;work-directory&gt;</pre>
 */
public final class FileTransferBench {

    private FileTransferBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: FileTransferBench <base-url> <api-key> <size-in-MB> <work-directory>");
            System.exit(2);
        }
        long size = Long.parseLong(args[2]) * 1024 * 1024;
        Path work = Files.createDirectories(Path.of(args[3]));
        Path source = work.resolve("bench-source.bin");
        Path copy = work.resolve("bench-copy.bin");
        String sourceDigest = writeRandom(source, size);
        AtomicLong peakAfterGc = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakAfterGc.accumulateAndGet(heapAfterGc(), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        try (CivisClient client = CivisClient.builder().baseUrl(args[0]).apiKey(args[1]).build()) {
            long start = System.nanoTime();
            long id = client.fileTransfers().upload(source, "bench.bin", UploadOptions.defaults());
            double uploadSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            client.fileTransfers().download(id, copy);
            double downloadSeconds = (System.nanoTime() - start) / 1e9;
            String copyDigest = digest(copy);
            double mb = size / (1024.0 * 1024.0);
            System.out.printf("file size:            %.0f MB (%d parts of %d MB)%n", mb,
                    (size + UploadOptions.defaultPartSize(size) - 1) / UploadOptions.defaultPartSize(size),
                    UploadOptions.defaultPartSize(size) / (1024 * 1024));
            System.out.printf("upload:               %.1f s, %.1f MB/s%n", uploadSeconds, mb / uploadSeconds);
            System.out.printf("download:             %.1f s, %.1f MB/s%n", downloadSeconds, mb / downloadSeconds);
            System.out.printf("byte-exact:           %s (sha-256 %s)%n", sourceDigest.equals(copyDigest),
                    copyDigest.substring(0, 16));
        }
        finally {
            sampler.shutdownNow();
            Files.deleteIfExists(source);
            Files.deleteIfExists(copy);
        }
        System.out.printf("peak heap after GC:   %.1f MB (max heap %d MB)%n", peakAfterGc.get() / (1024.0 * 1024.0),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
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
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
