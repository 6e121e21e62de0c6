package io.github.civis.bench.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Forces a GC and reads the used heap before a measured piece of work, every few hundred
 * milliseconds while it runs, and after it: a walk that reads lazily keeps the heap flat, one
 * that buffers grows with what it reads. Used by the list-stream and the SQL-stream scenarios.
 */
public final class HeapSampler implements AutoCloseable {

    private final List<Long> samples = new ArrayList<>();

    private final long start;

    private final Thread thread;

    private HeapSampler(Duration every) {
        this.start = heapAfterGc();
        this.thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(every.toMillis());
                    long used = heapAfterGc();
                    synchronized (this.samples) {
                        this.samples.add(used);
                    }
                }
            }
            catch (InterruptedException ex) {
                // stopped
            }
        }, "heap-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Reads the heap after a GC now, then every {@code every} until closed.
     * @param every the time between samples
     * @return the running sampler
     */
    public static HeapSampler start(Duration every) {
        return new HeapSampler(every);
    }

    /** Stops sampling (waiting at most 10 s for the sampler thread). */
    @Override
    public void close() throws InterruptedException {
        this.thread.interrupt();
        this.thread.join(10_000);
    }

    /**
     * Stops sampling and reads the heap after a GC one last time.
     * @return the heap at the start, its peak (start and end included) and at the end, in bytes
     * @throws InterruptedException when interrupted while waiting for the sampler thread
     */
    public Heap finish() throws InterruptedException {
        close();
        long end = heapAfterGc();
        long peak = Math.max(this.start, end);
        int count;
        synchronized (this.samples) {
            for (long sample : this.samples) {
                peak = Math.max(peak, sample);
            }
            count = this.samples.size();
        }
        return new Heap(this.start, peak, end, count);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The used heap after GC, in bytes.
     * @param start before the work
     * @param peak the highest sample, start and end included
     * @param end after the work
     * @param samples how many samples were taken while it ran
     */
    public record Heap(long start, long peak, long end, int samples) {
    }

}
