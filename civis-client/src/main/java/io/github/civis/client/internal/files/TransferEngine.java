package io.github.civis.client.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

import io.github.civis.client.files.CivisFileExpiredException;
import io.github.civis.client.files.CivisFilePartException;
import io.github.civis.client.files.CivisFileSizeMismatchException;
import io.github.civis.client.files.CivisFileTransferException;
import io.github.civis.client.files.CivisFileTransfers;
import io.github.civis.client.files.CivisLocalFileException;
import io.github.civis.client.files.FileTransferEvent;
import io.github.civis.client.files.FileTransferListener;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.client.files.TransferProgressListener;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.api.ReactiveFilesApi;
import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.error.CivisValidationException;
import io.github.civis.client.files.FileTransferEvent.Direction;
import io.github.civis.client.files.FileTransferEvent.Outcome;
import io.github.civis.client.model.File;
import io.github.civis.client.model.FilePostResponse;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.internal.retry.Sleeper;

/**
 * The engine of the upload and download workflows, reactive throughout: the one instance a
 * client has behind {@link ReactiveCivisFileTransfers} and its blocking view
 * {@link CivisFileTransfers}. Thread-safe; owns the storage connection pool until
 * {@link #close()}. Not for applications: {@code CivisClient} builds it and hands out the views.
 */
public final class TransferEngine implements ReactiveCivisFileTransfers, AutoCloseable {

    private static final Log logger = LogFactory.getLog(TransferEngine.class);

    /** Buffers a blocking reader may hold ahead of the caller (each at most a network chunk). */
    private static final int BLOCKING_PREFETCH = 8;

    /** Bytes copied at once into a caller's output stream. */
    private static final int CHUNK_SIZE = 64 * 1024;

    private final ReactiveFilesApi api;
    private final StorageClient storage;
    private final FileTransferSettings settings;
    private final Clock clock;

    /**
     * Creates the engine. {@code CivisClient} makes one; applications use
     * {@code client.fileTransfers()} and {@code client.reactiveFileTransfers()}.
     * @param api the reactive files API, for metadata and multipart bookkeeping
     * @param settings client-wide transfer settings
     * @param connections the client's connection configuration (timeouts, TLS, proxy, the
     *        application's customizer) over a given pool; the storage connections are made with it
     * @param retryPolicy the retry policy, applied to storage requests as idempotent requests
     * @param sleeper waits between retries
     * @param clock measures durations
     */
    public TransferEngine(ReactiveFilesApi api, FileTransferSettings settings,
            Function<ConnectionProvider, HttpClient> connections, CivisRetryPolicy retryPolicy, Sleeper sleeper,
            Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = clock;
        this.storage = new StorageClient(Objects.requireNonNull(connections, "connections"),
                settings.transferTimeout(), retryPolicy, sleeper, clock);
    }

    /**
     * The reactive workflows over this engine.
     * @return a new view; every view of an engine shares its storage connections
     */
    public ReactiveCivisFileTransfers reactive() {
        return this;
    }

    /** The settings in force. */
    public FileTransferSettings settings() {
        return settings;
    }

    // ---- upload --------------------------------------------------------------------------------

    @Override
    public Mono<Long> upload(Path source, String name, UploadOptions options) {
        return Mono.defer(() -> {
            checkName(name);
            long size = sizeOf(source);
            return observed(Direction.UPLOAD, size, bytes -> uploadFile(source, size, name, options, bytes));
        });
    }

    /** Copies the stream to a temporary file first: its size decides form or multipart, and parts must be re-readable for retries. */
    @Override
    public Mono<Long> upload(InputStream source, String name, UploadOptions options) {
        return Mono.defer(() -> {
            checkName(name);
            Objects.requireNonNull(source, "source");
            Path spool = spool(source, name);
            return upload(spool, name, options).doFinally(signal -> deleteQuietly(spool));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Long> uploadFile(Path source, long size, String name, UploadOptions options, AtomicLong moved) {
        TransferProgressListener progress = options.progress();
        AtomicLong done = new AtomicLong();
        java.util.function.LongConsumer sent = bytes -> {
            moved.addAndGet(bytes);
            progress.onProgress(done.addAndGet(bytes), size);
        };
        java.util.function.LongConsumer rewind = bytes -> {
            moved.addAndGet(-bytes);
            progress.onProgress(done.addAndGet(-bytes), size);
        };
        String expiresAt = expiresAt(options);
        if (size <= settings.multipartThreshold()) {
            return api.post(b -> {
                b.name(name);
                if (options.neverExpires()) {
                    b.expiresAt(null);
                }
                else if (expiresAt != null) {
                    b.expiresAt(expiresAt);
                }
            }).flatMap(created -> {
                long id = required(created.id(), "id", "POST /files/");
                URI url = uri(required(created.uploadUrl(), "uploadUrl", "POST /files/"));
                return storage.postForm(url, formFields(created), name, source, size, sent, rewind)
                        .then(Mono.fromRunnable(() -> progress.onProgress(size, size)))
                        .thenReturn(id);
            });
        }
        long partSize = (options.partSize() > 0) ? options.partSize() : UploadOptions.defaultPartSize(size);
        long partCount = (size + partSize - 1) / partSize;
        if (partCount > UploadOptions.MAX_PARTS) {
            return Mono.error(new CivisValidationException("upload of '" + name + "': " + size + " bytes in parts of "
                    + partSize + " bytes need " + partCount + " parts, more than the " + UploadOptions.MAX_PARTS
                    + " allowed; choose a larger part size"));
        }
        int concurrency = (options.partConcurrency() > 0) ? options.partConcurrency() : settings.partConcurrency();
        return api.postMultipart(b -> {
            b.name(name).numParts(partCount);
            if (options.neverExpires()) {
                b.expiresAt(null);
            }
            else if (expiresAt != null) {
                b.expiresAt(expiresAt);
            }
        }).flatMap(created -> {
            long id = required(created.id(), "id", "POST /files/multipart");
            List<String> urls = required(created.uploadUrls(), "uploadUrls", "POST /files/multipart");
            if (urls.size() != partCount) {
                return Mono.error(new CivisFileTransferException("POST /files/multipart returned " + urls.size()
                        + " part URLs for file " + id + " but " + partCount + " parts were asked for", null));
            }
            return Flux.range(1, (int) partCount)
                    .flatMap(part -> {
                        long offset = (part - 1) * partSize;
                        long length = Math.min(partSize, size - offset);
                        return storage.putPart(uri(urls.get(part - 1)), source, offset, length, sent, rewind)
                                .onErrorMap(failure -> !(failure instanceof CivisLocalFileException),
                                        failure -> new CivisFilePartException(name, id, part, (int) partCount, failure));
                    }, concurrency)
                    // Only reached when every part succeeded: flatMap fails fast and cancels the rest.
                    .then(Mono.defer(() -> api.postMultipartComplete(id)))
                    .thenReturn(id);
        });
    }

    private static Map<String, String> formFields(FilePostResponse created) {
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode node = created.uploadFields();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                fields.put(field.getKey(), value.isString() ? value.stringValue() : value.toString());
            }
        }
        return fields;
    }

    private @Nullable String expiresAt(UploadOptions options) {
        Duration expiry = options.expiry();
        if (expiry == null) {
            return null;
        }
        Instant at = clock.instant().plus(expiry);
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static long sizeOf(Path source) {
        Objects.requireNonNull(source, "source");
        try {
            if (!Files.isRegularFile(source)) {
                throw new CivisLocalFileException("Cannot upload " + source + ": "
                        + (Files.exists(source) ? "it is not a regular file" : "no such file"), source, null);
            }
            if (!Files.isReadable(source)) {
                throw new CivisLocalFileException("Cannot upload " + source + ": the file is not readable", source,
                        null);
            }
            return Files.size(source);
        }
        catch (IOException ex) {
            throw new CivisLocalFileException("Cannot upload " + source + ": " + ex, source, ex);
        }
    }

    private static Path spool(InputStream source, String name) {
        Path spool;
        try {
            spool = Files.createTempFile("civis-upload-", ".tmp");
        }
        catch (IOException ex) {
            throw new CivisLocalFileException("Cannot upload '" + name + "': no temporary file for the stream: " + ex,
                    null, ex);
        }
        try (OutputStream out = Files.newOutputStream(spool, StandardOpenOption.TRUNCATE_EXISTING)) {
            source.transferTo(out);
            return spool;
        }
        catch (IOException ex) {
            deleteQuietly(spool);
            throw new CivisLocalFileException("Cannot upload '" + name + "': reading the stream failed: " + ex, null,
                    ex);
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new CivisValidationException("upload: name must not be blank");
        }
    }

    // ---- download ------------------------------------------------------------------------------

    Mono<File> get(long id) {
        return api.get(id);
    }

    @Override
    public Mono<URI> downloadUrl(long id) {
        return api.get(id).map(file -> uri(urlOf(id, file)));
    }

    /** The file's bytes, checked against its size; a cancelled subscription stops the download. */
    @Override
    public Flux<DataBuffer> download(long id) {
        return download(id, TransferProgressListener.NONE);
    }

    @Override
    public Flux<DataBuffer> download(long id, TransferProgressListener progress) {
        return api.get(id).flatMapMany(file -> {
            URI url = uri(urlOf(id, file));
            Long declared = file.fileSize();
            long expected = (declared != null) ? declared : -1;
            return observedFlux(moved -> checkedSize(id, expected, storage.download(url, expected)
                    .doOnNext(buffer -> progress.onProgress(moved.addAndGet(buffer.readableByteCount()), expected))));
        });
    }

    @Override
    public Mono<Void> download(long id, Path target, TransferProgressListener progress) {
        return Mono.defer(() -> {
            Objects.requireNonNull(target, "target");
            Path absolute = target.toAbsolutePath();
            Path directory = absolute.getParent();
            if (directory == null || !Files.isDirectory(directory)) {
                return Mono.error(new CivisLocalFileException("Cannot download Civis file " + id + " to " + target
                        + ": the directory " + directory + " does not exist", target, null));
            }
            Path temporary;
            try {
                temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".part");
            }
            catch (IOException ex) {
                return Mono.error(new CivisLocalFileException("Cannot download Civis file " + id + " to " + target
                        + ": cannot create a file in " + directory + ": " + ex, target, ex));
            }
            Flux<DataBuffer> content = download(id, progress);
            return DownloadWriter.writeTo(content, temporary)
                    .then(Mono.fromRunnable(() -> moveIntoPlace(temporary, absolute, id)).subscribeOn(
                            Schedulers.boundedElastic()))
                    .onErrorMap(IOException.class, ex -> new CivisLocalFileException("Cannot download Civis file " + id
                            + " to " + target + ": writing failed: " + ex, target, ex))
                    // Removed before the error is passed on, so that whoever sees the error sees no
                    // partial file (doFinally would run only after the subscriber had the error).
                    .onErrorResume(failure -> Mono.fromRunnable(() -> deleteQuietly(temporary))
                            .then(Mono.error(failure)))
                    .doOnCancel(() -> deleteQuietly(temporary))
                    .then();
        });
    }

    private static Flux<DataBuffer> checkedSize(long id, long expected, Flux<DataBuffer> content) {
        if (expected < 0) {
            return content;
        }
        return Flux.defer(() -> {
            long[] received = { 0 };
            return content.doOnNext(buffer -> received[0] += buffer.readableByteCount())
                    .concatWith(Mono.defer(() -> (received[0] == expected) ? Mono.empty()
                            : Mono.error(new CivisFileSizeMismatchException(id, expected, received[0]))));
        });
    }

    private static void moveIntoPlace(Path temporary, Path target, long id) {
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException ex) {
            throw new CivisLocalFileException("Cannot download Civis file " + id + " to " + target
                    + ": moving the finished download into place failed: " + ex, target, ex);
        }
    }

    private static String urlOf(long id, File file) {
        String url = file.fileUrl();
        if (url == null || url.isBlank()) {
            url = file.downloadUrl();
        }
        if (url == null || url.isBlank()) {
            throw new CivisFileExpiredException(id);
        }
        return url;
    }

    // ---- shared --------------------------------------------------------------------------------

    private Mono<Long> observed(Direction direction, long size, java.util.function.Function<AtomicLong, Mono<Long>> transfer) {
        return Mono.defer(() -> {
            long start = clock.millis();
            AtomicLong moved = new AtomicLong();
            return transfer.apply(moved)
                    .doOnEach(signal -> {
                        if (signal.isOnNext()) {
                            report(direction, size, start, Outcome.SUCCESS, null);
                        }
                        else if (signal.isOnError()) {
                            report(direction, moved.get(), start, Outcome.FAILURE, signal.getThrowable());
                        }
                    })
                    .doOnCancel(() -> report(direction, moved.get(), start, Outcome.CANCELLED, null));
        });
    }

    private Flux<DataBuffer> observedFlux(java.util.function.Function<AtomicLong, Flux<DataBuffer>> transfer) {
        return Flux.defer(() -> {
            long start = clock.millis();
            AtomicLong moved = new AtomicLong();
            return transfer.apply(moved)
                    .doOnComplete(() -> report(Direction.DOWNLOAD, moved.get(), start, Outcome.SUCCESS, null))
                    .doOnError(failure -> report(Direction.DOWNLOAD, moved.get(), start, Outcome.FAILURE, failure))
                    .doOnCancel(() -> report(Direction.DOWNLOAD, moved.get(), start, Outcome.CANCELLED, null));
        });
    }

    private void report(Direction direction, long bytes, long start, Outcome outcome, @Nullable Throwable failure) {
        try {
            settings.listener().onTransfer(new FileTransferEvent(direction, bytes,
                    Duration.ofMillis(Math.max(0, clock.millis() - start)), outcome, failure));
        }
        catch (RuntimeException ex) {
            logger.warn("FileTransferListener failed: " + ex);
        }
    }

    private static <T> T required(@Nullable T value, String field, String call) {
        if (value == null) {
            throw new CivisFileTransferException("The response of " + call + " has no '" + field + "'", null);
        }
        return value;
    }

    private static URI uri(String url) {
        try {
            return URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            throw new CivisFileTransferException("Civis returned a storage URL that is not a valid URI", ex);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException ex) {
            logger.debug("Could not delete " + path + ": " + ex);
        }
    }

    @Override
    public void close() {
        storage.close();
    }
}
