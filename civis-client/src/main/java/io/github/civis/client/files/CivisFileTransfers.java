package io.github.civis.client.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.internal.BlockingWait;

/**
 * Civis file transfers, blocking: streamed uploads and downloads of any size with constant
 * memory. Obtained as {@code client.fileTransfers()}, beside the generated {@code client.files()}
 * group that answers every other call of the {@code files} API. A thin view of
 * {@link ReactiveCivisFileTransfers}: each call waits once, on the calling thread, for the
 * reactive transfer. Thread-safe.
 *
 * <pre class="code">
 * long id = civis.fileTransfers().upload(Path.of("results.csv"), "results.csv", UploadOptions.defaults());
 * civis.fileTransfers().download(id, Path.of("copy.csv"));
 * </pre>
 *
 * Uploads up to the multipart threshold (50 MB by default) go as one presigned form; larger ones
 * in parts, several at once, each retried on its own, completed only when every part arrived.
 * The storage URLs never receive the API key. The calling thread waits; do not call these
 * methods on a Reactor event-loop thread (use {@link ReactiveCivisFileTransfers} there). An
 * interrupted thread stops the transfer and gets a {@link CivisInterruptedException}.
 */
public final class CivisFileTransfers {

    /** Buffers held ahead of a stream's writer (each at most a network chunk). */
    private static final int STREAM_PREFETCH = 8;

    private final ReactiveCivisFileTransfers reactive;

    private CivisFileTransfers(ReactiveCivisFileTransfers reactive) {
        this.reactive = Objects.requireNonNull(reactive, "reactive");
    }

    /**
     * The blocking view of reactive transfers.
     * @param reactive the transfers to wait on
     * @return the view
     */
    public static CivisFileTransfers of(ReactiveCivisFileTransfers reactive) {
        return new CivisFileTransfers(reactive);
    }

    /** The reactive transfers this view waits on. */
    public ReactiveCivisFileTransfers reactive() {
        return reactive;
    }

    /**
     * Uploads a local file.
     * @param source the file to upload
     * @param name the name of the new Civis file
     * @param options expiry, parallelism, part size and progress
     * @return the new file's id
     * @throws CivisLocalFileException when the file is missing or unreadable
     * @throws CivisFilePartException when a part of a multipart upload failed for good
     * @throws io.github.civis.client.error.CivisException on any other failure
     */
    public long upload(Path source, String name, UploadOptions options) {
        return await(reactive.upload(source, name, options), "uploading " + source);
    }

    /**
     * Uploads a local file with the default options.
     * @param source the file to upload
     * @param name the name of the new Civis file
     * @return the new file's id
     * @throws CivisLocalFileException when the file is missing or unreadable
     */
    public long upload(Path source, String name) {
        return upload(source, name, UploadOptions.defaults());
    }

    /**
     * Uploads what a stream holds, up to its end. The stream is first copied to a temporary file
     * (its size decides how to upload, and parts must be re-readable for retries), which is
     * deleted afterwards. The stream is not closed.
     * @param source the stream to upload
     * @param name the name of the new Civis file
     * @param options expiry, parallelism, part size and progress
     * @return the new file's id
     * @throws CivisLocalFileException when reading the stream fails
     */
    public long upload(InputStream source, String name, UploadOptions options) {
        return await(reactive.upload(source, name, options), "uploading " + name);
    }

    /**
     * Downloads a file to a local path. The bytes go to a temporary file next to the target,
     * which is moved into place once complete and checked: after a failure nothing is left at
     * the target (an existing file there is kept as it was).
     * @param id the file's id
     * @param target where to write the file
     * @param progress told about the bytes received
     * @throws CivisFileExpiredException when the file has expired
     * @throws io.github.civis.client.error.CivisNotFoundException when there is no such file
     * @throws CivisFileSizeMismatchException when the bytes received differ from the file's size
     * @throws CivisLocalFileException when the target cannot be written
     */
    public void download(long id, Path target, TransferProgressListener progress) {
        BlockingWait.block(reactive.download(id, target, progress), interrupted("downloading Civis file " + id));
    }

    /**
     * Downloads a file to a local path (see {@link #download(long, Path, TransferProgressListener)}).
     * @param id the file's id
     * @param target where to write the file
     */
    public void download(long id, Path target) {
        download(id, target, TransferProgressListener.NONE);
    }

    /**
     * Downloads a file into a stream, which is not closed. On failure the stream may hold part of
     * the file.
     * @param id the file's id
     * @param target where to write the bytes
     * @param progress told about the bytes received
     * @throws CivisFileExpiredException when the file has expired
     * @throws CivisFileSizeMismatchException when the bytes received differ from the file's size
     * @throws CivisLocalFileException when writing to the stream fails
     */
    public void download(long id, OutputStream target, TransferProgressListener progress) {
        Objects.requireNonNull(target, "target");
        // Written on a bounded-elastic thread (never an event loop: the stream may block), a few
        // buffers ahead, the network read waiting for the writer; the caller waits once, in
        // BlockingWait, so an interrupt cancels the download.
        Mono<Void> copy = DataBufferUtils.write(reactive.download(id, progress)
                    .publishOn(Schedulers.boundedElastic(), STREAM_PREFETCH), target)
                .doOnNext(DataBufferUtils::release)
                .onErrorMap(IOException.class, ex -> new CivisLocalFileException("Cannot download Civis file " + id
                        + ": writing to the output stream failed: " + ex, null, ex))
                .then();
        BlockingWait.block(copy, interrupted("downloading Civis file " + id));
    }

    /**
     * Downloads a file into a stream (see {@link #download(long, OutputStream, TransferProgressListener)}).
     * @param id the file's id
     * @param target where to write the bytes
     */
    public void download(long id, OutputStream target) {
        download(id, target, TransferProgressListener.NONE);
    }

    /**
     * A presigned URL to download the file from, valid for a limited time and usable without the
     * API key: hand it to a browser or another service.
     * @param id the file's id
     * @return the URL
     * @throws CivisFileExpiredException when the file has expired
     */
    public URI downloadUrl(long id) {
        return await(reactive.downloadUrl(id), "asking for the download URL of Civis file " + id);
    }

    private static <T> T await(Mono<T> work, String doing) {
        T value = BlockingWait.block(work, interrupted(doing));
        if (value == null) {
            throw new IllegalStateException("The transfer completed without a result");
        }
        return value;
    }

    /** Makes the exception of a thread interrupted while {@code doing}, e.g. "downloading Civis file 7". */
    private static Function<InterruptedException, CivisInterruptedException> interrupted(String doing) {
        return ex -> new CivisInterruptedException("Interrupted while " + doing + "; the transfer was stopped", ex);
    }
}
