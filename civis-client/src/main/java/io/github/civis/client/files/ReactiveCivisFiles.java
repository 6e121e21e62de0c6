package io.github.civis.client.files;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;

import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.civis.client.api.ReactiveFilesApi;

/**
 * Civis files, reactive: every operation of the {@code files} API group plus streamed uploads and
 * downloads. Obtained as {@code client.reactiveFiles()}. Everything is lazy: nothing happens
 * until subscription, and cancelling stops the transfer.
 */
public interface ReactiveCivisFiles extends ReactiveFilesApi {

    /**
     * Uploads a local file (see {@link CivisFiles#upload(Path, String, UploadOptions)}).
     * @param source the file to upload
     * @param name the name of the new Civis file
     * @param options expiry, parallelism, part size and progress
     * @return the new file's id
     */
    Mono<Long> upload(Path source, String name, UploadOptions options);

    /**
     * Uploads what a stream holds (see {@link CivisFiles#upload(InputStream, String, UploadOptions)});
     * the stream is read on a bounded-elastic thread.
     * @param source the stream to upload
     * @param name the name of the new Civis file
     * @param options expiry, parallelism, part size and progress
     * @return the new file's id
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
     * Downloads a file to a local path through a temporary file moved into place when complete
     * (see {@link CivisFiles#download(long, Path, TransferProgressListener)}).
     * @param id the file's id
     * @param target where to write the file
     * @param progress told about the bytes received
     * @return completes when the file is in place
     */
    Mono<Void> download(long id, Path target, TransferProgressListener progress);

    /**
     * A presigned URL to download the file from (see {@link CivisFiles#downloadUrl(long)}).
     * @param id the file's id
     * @return the URL
     */
    Mono<URI> downloadUrl(long id);
}
