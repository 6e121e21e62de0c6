package io.github.civis.client.files;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One finished upload or download, for metrics.
 *
 * @param direction upload or download
 * @param bytes bytes moved (on failure: as far as it came)
 * @param duration time from start to end
 * @param outcome how it ended
 * @param failure why it failed, or {@code null}
 */
public record FileTransferEvent(Direction direction, long bytes, Duration duration, Outcome outcome,
        @Nullable Throwable failure) {

    /** Which way the bytes went. */
    public enum Direction {
        /** From the application to Civis. */
        UPLOAD,
        /** From Civis to the application. */
        DOWNLOAD
    }

    /** How a transfer ended. */
    public enum Outcome {
        /** Every byte arrived (and was checked). */
        SUCCESS,
        /** The transfer failed. */
        FAILURE,
        /** The caller stopped it (a cancelled subscription). */
        CANCELLED
    }
}
