package io.github.civis.client.files;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.error.CivisValidationException;

/**
 * How to upload a file: when it expires, how many parts go in parallel, how big they are, and who
 * hears about progress. Immutable; start from {@link #defaults()} and change with the
 * {@code with…} methods.
 *
 * <pre class="code">
 * UploadOptions options = UploadOptions.defaults()
 *         .withExpiry(Duration.ofDays(7))
 *         .withProgress(TransferProgressListener.throttled(Duration.ofSeconds(1), log));
 * </pre>
 */
public final class UploadOptions {

    /** Smallest part of a multipart upload that the storage accepts (except the last part). */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    /** Largest part of a multipart upload that the storage accepts. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    /** Most parts of one multipart upload. */
    public static final int MAX_PARTS = 10_000;

    private static final UploadOptions DEFAULTS = new UploadOptions(null, false, 0, 0, TransferProgressListener.NONE);

    private final @Nullable Duration expiry;
    private final boolean neverExpires;
    private final int partConcurrency;
    private final long partSize;
    private final TransferProgressListener progress;

    private UploadOptions(@Nullable Duration expiry, boolean neverExpires, int partConcurrency, long partSize,
            TransferProgressListener progress) {
        this.expiry = expiry;
        this.neverExpires = neverExpires;
        this.partConcurrency = partConcurrency;
        this.partSize = partSize;
        this.progress = progress;
    }

    /** The platform's defaults: the file expires after 30 days, parts sized for the file. */
    public static UploadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The file expires this long after the upload starts.
     * @param expiry a positive duration
     * @return the changed options
     * @throws CivisValidationException when the duration is zero or negative
     */
    public UploadOptions withExpiry(Duration expiry) {
        if (expiry == null || expiry.isNegative() || expiry.isZero()) {
            throw new CivisValidationException("UploadOptions.withExpiry: expiry must be a positive duration, was "
                    + expiry);
        }
        return new UploadOptions(expiry, false, partConcurrency, partSize, progress);
    }

    /**
     * The file is kept until deleted.
     * @return the changed options
     */
    public UploadOptions withNoExpiry() {
        return new UploadOptions(null, true, partConcurrency, partSize, progress);
    }

    /**
     * Most parts of a multipart upload in flight at once (default: the client's setting).
     * @param partConcurrency at least 1
     * @return the changed options
     * @throws CivisValidationException when below 1
     */
    public UploadOptions withPartConcurrency(int partConcurrency) {
        if (partConcurrency < 1) {
            throw new CivisValidationException("UploadOptions.withPartConcurrency: partConcurrency must be at least 1, "
                    + "was " + partConcurrency);
        }
        return new UploadOptions(expiry, neverExpires, partConcurrency, partSize, progress);
    }

    /**
     * Size of each part of a multipart upload (default: grows with the file, see
     * {@link #defaultPartSize(long)}).
     * @param partSize from {@link #MIN_PART_SIZE} to {@link #MAX_PART_SIZE} bytes
     * @return the changed options
     * @throws CivisValidationException when out of range
     */
    public UploadOptions withPartSize(long partSize) {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new CivisValidationException("UploadOptions.withPartSize: partSize must be from " + MIN_PART_SIZE
                    + " to " + MAX_PART_SIZE + " bytes, was " + partSize);
        }
        return new UploadOptions(expiry, neverExpires, partConcurrency, partSize, progress);
    }

    /**
     * Told about the bytes sent.
     * @param progress the listener
     * @return the changed options
     */
    public UploadOptions withProgress(TransferProgressListener progress) {
        return new UploadOptions(expiry, neverExpires, partConcurrency, partSize,
                Objects.requireNonNull(progress, "progress"));
    }

    /** How long after the upload the file expires, or {@code null} for the platform's default or never. */
    public @Nullable Duration expiry() {
        return expiry;
    }

    /** Whether the file is kept until deleted. */
    public boolean neverExpires() {
        return neverExpires;
    }

    /** Parts in flight at once, or {@code 0} for the client's setting. */
    public int partConcurrency() {
        return partConcurrency;
    }

    /** The part size, or {@code 0} for {@link #defaultPartSize(long)}. */
    public long partSize() {
        return partSize;
    }

    /** The progress listener. */
    public TransferProgressListener progress() {
        return progress;
    }

    /**
     * The part size used for a file when none is set: grows with the square root of the size
     * (between {@link #MIN_PART_SIZE} and {@link #MAX_PART_SIZE}) as the Python client does, so
     * that big files need neither tiny parts nor too many of them.
     * @param fileSize the file's size in bytes
     * @return the part size
     */
    public static long defaultPartSize(long fileSize) {
        long grown = (long) Math.sqrt((double) MIN_PART_SIZE * (double) fileSize);
        long enoughForMaxParts = (fileSize + MAX_PARTS - 1) / MAX_PARTS;
        return Math.min(MAX_PART_SIZE, Math.max(MIN_PART_SIZE, Math.max(grown, enoughForMaxParts)));
    }

    @Override
    public String toString() {
        return "UploadOptions{expiry=" + (neverExpires ? "never" : expiry) + ", partConcurrency=" + partConcurrency
                + ", partSize=" + partSize + "}";
    }
}
