package io.github.civis.client.files;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Told how far a transfer has come. Called often (per network buffer) and from I/O threads: keep
 * it quick, never block in it, and wrap it with {@link #throttled} before logging.
 */
@FunctionalInterface
public interface TransferProgressListener {

    /** A listener that ignores progress. */
    TransferProgressListener NONE = (done, total) -> {
    };

    /**
     * Bytes moved so far. A part that is retried counts again from its start, so {@code done}
     * may step back.
     * @param done bytes transferred so far
     * @param total bytes of the whole transfer, or {@code -1} when unknown
     */
    void onProgress(long done, long total);

    /**
     * A listener that passes progress on at most once per interval, plus the final update when
     * {@code done} reaches {@code total}: for logging.
     * @param interval the shortest time between two updates passed on
     * @param listener the listener to pass them to
     * @return the throttled listener
     */
    static TransferProgressListener throttled(Duration interval, TransferProgressListener listener) {
        long intervalNanos = interval.toNanos();
        AtomicLong last = new AtomicLong(System.nanoTime() - intervalNanos);
        return (done, total) -> {
            long now = System.nanoTime();
            long previous = last.get();
            boolean finished = total >= 0 && done >= total;
            if ((now - previous >= intervalNanos && last.compareAndSet(previous, now)) || finished) {
                listener.onProgress(done, total);
            }
        };
    }
}
