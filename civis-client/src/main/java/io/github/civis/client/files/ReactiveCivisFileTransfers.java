package io.github.civis.client.files;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Civis file transfers, reactive: streamed uploads and downloads of any size with constant
 * memory. Obtained as {@code client.reactiveFileTransfers()}, beside the generated
 * {@code client.reactiveFiles()} group that answers every other call of the {@code files} API.
 * Everything is lazy: nothing happens until subscription, and cancelling stops the transfer.
 * Thread-safe.
 *
 * <p>Uploads up to the multipart threshold (50 MB by default) go as one presigned form; larger ones
 * in parts, several at once, each retried on its own, completed only when every part arrived.
 * The storage URLs never receive the API key.
 */
public interface ReactiveCivisFileTransfers {

    /**
     * Uploads a local file.
     * @param source the file to upload
     * @param name the name of the new Civis file
     * @param options expiry, parallelism, part size and progress
     * @return the new file's id; an error {@link CivisLocalFileException} when the file is missing
     *         or unreadable, {@link CivisFilePartException} when a part failed for good
     */
    Mono<Long> upload(Path source, String name, UploadOptions options);

    /**
     * Uploads a local file with the default options.
     * @param source the file to upload
     * @param name the name of the new Civis file
     * @return the new file's id
     */
    default Mono<Long> upload(Path source, String name) {
        return upload(source, name, UploadOptions.defaults());
    }

    /**
     * Uploads what a stream holds, up to its end; the stream is read on a bounded-elastic thread
     * and first copied to a temporary file (its size decides how to upload, and parts must be
     * re-readable for retries), deleted afterwards. The stream is not closed.
     * @param source the stream to upload
     * @param name the name of the new Civis file
     * @param options expiry, parallelism, part size and progress
     * @return the new file's id; an error {@link CivisLocalFileException} when reading the stream fails
     */
    Mono<Long> upload(InputStream source, String name, UploadOptions options);

    /**
     * The file's bytes, streamed: each buffer must be released by the subscriber (as with
     * WebClient's {@code bodyToFlux(DataBuffer.class)}; {@code DataBufferUtils.write} does it). A
     * dropped connection is resumed where it broke; the total is checked against the file's size.
     * @param id the file's id
     * @return the content; fails with {@link CivisFileExpiredException},
     *         {@link CivisFileSizeMismatchException} or a {@link io.github.civis.client.error.CivisException}
     */
    Flux<DataBuffer> download(long id);

    /**
     * The file's bytes, streamed, as {@link #download(long)}, telling a listener about the bytes received.
     * @param id the file's id
     * @param progress told about the bytes received
     * @return the content
     */
    Flux<DataBuffer> download(long id, TransferProgressListener progress);

    /**
     * Downloads a file to a local path. The bytes go to a temporary file next to the target,
     * which is moved into place once complete and checked: after a failure nothing is left at
     * the target (an existing file there is kept as it was).
     * @param id the file's id
     * @param target where to write the file
     * @param progress told about the bytes received
     * @return completes when the file is in place
     */
    Mono<Void> download(long id, Path target, TransferProgressListener progress);

    /**
     * Downloads a file to a local path (see {@link #download(long, Path, TransferProgressListener)}).
     * @param id the file's id
     * @param target where to write the file
     * @return completes when the file is in place
     */
    default Mono<Void> download(long id, Path target) {
        return download(id, target, TransferProgressListener.NONE);
    }

    /**
     * A presigned URL to download the file from, valid for a limited time and usable without the
     * API key: hand it to a browser or another service.
     * @param id the file's id
     * @return the URL; an error {@link CivisFileExpiredException} when the file has expired
     */
    Mono<URI> downloadUrl(long id);

    /**
     * The blocking view of these transfers (same engine and storage connections).
     * @return a new view
     */
    default CivisFileTransfers blocking() {
        return CivisFileTransfers.of(this);
    }
}
