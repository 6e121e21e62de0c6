package io.github.civis.client.files;

import java.time.Duration;
import java.util.Objects;

/**
 * Client-wide settings of file transfers.
 *
 * @param multipartThreshold files larger than this many bytes are uploaded in parts (default 50 MB)
 * @param partConcurrency parts uploaded at once by default (default 4)
 * @param transferTimeout longest pause without progress on a storage connection (default 60 s)
 * @param listener told about every finished transfer
 */
public record FileTransferSettings(long multipartThreshold, int partConcurrency, Duration transferTimeout,
        FileTransferListener listener) {

    /** Default multipart threshold: 50 MB, as the Python client. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 50L * 1024 * 1024;

    /** Checks the values. */
    public FileTransferSettings {
        if (multipartThreshold < UploadOptions.MIN_PART_SIZE) {
            throw new IllegalArgumentException("multipartThreshold must be at least " + UploadOptions.MIN_PART_SIZE
                    + " bytes, was " + multipartThreshold);
        }
        if (partConcurrency < 1) {
            throw new IllegalArgumentException("partConcurrency must be at least 1, was " + partConcurrency);
        }
        if (transferTimeout == null || transferTimeout.isNegative() || transferTimeout.isZero()) {
            throw new IllegalArgumentException("transferTimeout must be a positive duration, was " + transferTimeout);
        }
        Objects.requireNonNull(listener, "listener");
    }

    /** The defaults. */
    public static FileTransferSettings defaults() {
        return new FileTransferSettings(DEFAULT_MULTIPART_THRESHOLD, 4, Duration.ofSeconds(60),
                FileTransferListener.NONE);
    }

    /**
     * These settings with another multipart threshold.
     * @param bytes the threshold
     * @return the copy
     */
    public FileTransferSettings withMultipartThreshold(long bytes) {
        return new FileTransferSettings(bytes, partConcurrency, transferTimeout, listener);
    }

    /**
     * These settings with another part concurrency.
     * @param parts parts at once
     * @return the copy
     */
    public FileTransferSettings withPartConcurrency(int parts) {
        return new FileTransferSettings(multipartThreshold, parts, transferTimeout, listener);
    }

    /**
     * These settings with another transfer timeout.
     * @param timeout the timeout
     * @return the copy
     */
    public FileTransferSettings withTransferTimeout(Duration timeout) {
        return new FileTransferSettings(multipartThreshold, partConcurrency, timeout, listener);
    }

    /**
     * These settings with another listener.
     * @param transferListener the listener
     * @return the copy
     */
    public FileTransferSettings withListener(FileTransferListener transferListener) {
        return new FileTransferSettings(multipartThreshold, partConcurrency, transferTimeout, transferListener);
    }
}
