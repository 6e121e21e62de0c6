package io.github.civis.client.internal.files;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.WriteTimeoutHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

import io.github.civis.client.error.CivisApiError;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisCallException;
import io.github.civis.client.error.CivisException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.internal.retry.Sleeper;
import io.github.civis.client.ratelimit.RateLimitStatus;

/**
 * HTTP to the presigned storage URLs that Civis hands out for file contents. These are not the
 * API: this client has its own connection pool and WebClient, which never carry the
 * {@code Authorization} header, so the API key cannot reach the storage service; its connections
 * are configured as the API's are (timeouts, TLS trust, proxy, the application's customizer).
 * Requests follow the API's {@link CivisRetryPolicy} as idempotent requests; the retry budget starts afresh
 * whenever bytes moved since the last failure, so that a long transfer is not given up because
 * of its length.
 */
final class StorageClient implements AutoCloseable {

    /** The route reported in errors: storage URLs have no Civis route template. */
    static final String STORAGE_ROUTE = "(storage URL)";

    /**
     * Bytes read from a file at once for a request body. The connection asks for 128 chunks ahead
     * of what it has written (Reactor Netty's send prefetch), so this bounds what one request
     * body holds, off the heap: 2 MB, plus what the socket buffers take.
     */
    private static final int CHUNK_SIZE = 16 * 1024;

    /** Most bytes read from a connection at once, and the largest piece of a body passed on. */
    private static final int MAX_READ = 256 * 1024;

    private final WebClient webClient;
    private final ConnectionProvider pool;
    private final CivisRetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    StorageClient(Function<ConnectionProvider, HttpClient> connections, Duration transferTimeout,
            CivisRetryPolicy retryPolicy, Sleeper sleeper, Clock clock) {
        this.pool = ConnectionProvider.builder("civis-storage")
                .maxConnections(64)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        long writeTimeoutMillis = transferTimeout.toMillis();
        // The client's own connection configuration (TLS, proxy, customizer) on a pool of its own.
        HttpClient http = connections.apply(pool)
                // Reactor Netty applies the response timeout between reads: a stall, not a slow transfer, fails.
                .responseTimeout(transferTimeout)
                // A body passes as the pieces the socket gave, not cut into 8 KB pieces (the HTTP
                // decoder's default), each of which would cost a trip through the operators and a
                // write of its own; and a read takes up to 256 KB where 64 KB are waiting.
                // (maxChunkSize is deprecated in Reactor Netty, but still what sets the decoder's limit.)
                .httpResponseDecoder(decoder -> decoder.maxChunkSize(MAX_READ))
                .option(ChannelOption.RECVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, MAX_READ))
                // Whatever a customizer set as default headers, credentials stay off the storage URLs.
                .headers(headers -> headers.remove(HttpHeaders.AUTHORIZATION))
                .doOnConnected(connection -> connection.addHandlerLast("civis-storage-write-timeout",
                        new WriteTimeoutHandler(writeTimeoutMillis, TimeUnit.MILLISECONDS)));
        // A fresh builder on purpose: no filters or default headers of the API client can leak here.
        this.webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * The content behind a download URL, resumed with a {@code Range} request after a dropped
     * connection (or restarted and skipped forward when the storage ignores ranges), so the bytes
     * delivered are exactly the file's whatever fails in between.
     *
     * <p>A body counts as complete only when the storage said so: its {@code Content-Length}
     * reached, the last chunk of a chunked body received, the file's known size reached, or a
     * range past the end answered with {@code 416} and a size equal to what was delivered. A body
     * that merely ends with its connection is a dropped connection, resumed like one.
     * @param size the file's size as its metadata gives it, or {@code -1} when unknown
     */
    Flux<DataBuffer> download(URI url, long size) {
        return Flux.defer(() -> {
            long[] delivered = { 0 };
            Flux<DataBuffer> attempt = Flux.defer(() -> fetch(url, delivered[0], size, () -> delivered[0]))
                    .doOnNext(buffer -> delivered[0] += buffer.readableByteCount());
            return attempt.retryWhen(retry("GET", () -> delivered[0]));
        });
    }

    private Flux<DataBuffer> fetch(URI url, long offset, long size, LongSupplier delivered) {
        return webClient.get()
                .uri(url)
                .headers(headers -> {
                    if (offset > 0) {
                        headers.setRange(List.of(HttpRange.createByteRange(offset)));
                    }
                })
                .exchangeToFlux(response -> {
                    int status = response.statusCode().value();
                    Flux<DataBuffer> body;
                    if (status == 206 && offset > 0) {
                        body = response.bodyToFlux(DataBuffer.class);
                    }
                    else if (status == 200) {
                        // The storage sent everything again: skip what was already delivered.
                        body = skip(response.bodyToFlux(DataBuffer.class), offset);
                    }
                    else if (status == 416 && offset > 0 && totalSize(response.headers().asHttpHeaders()) == offset) {
                        // Nothing past what was delivered, and the storage says that is the whole file.
                        return response.releaseBody().thenMany(Flux.empty());
                    }
                    else {
                        return StorageClient.<DataBuffer>failure(response, "GET", url).flux();
                    }
                    return endsWithConnection(response.headers().asHttpHeaders())
                            ? body.concatWith(Mono.defer(() -> confirmed(delivered.getAsLong(), size)))
                            : body;
                })
                .onErrorMap(StorageClient::isWireFailure, failure -> wireFailure(failure, "GET", url));
    }

    /**
     * The body without its first {@code count} bytes. Skipped buffers are released here, once:
     * unlike {@code DataBufferUtils.skipUntilByteCount}, nothing goes through discard hooks, which
     * compose with the hooks of whoever reads the download and then release a buffer twice.
     */
    private static Flux<DataBuffer> skip(Flux<DataBuffer> body, long count) {
        if (count <= 0) {
            return body;
        }
        return Flux.defer(() -> {
            long[] remaining = { count };
            return body.handle((buffer, sink) -> {
                int readable = buffer.readableByteCount();
                if (remaining[0] >= readable) {
                    remaining[0] -= readable;
                    DataBufferUtils.release(buffer);
                    return;
                }
                buffer.readPosition(buffer.readPosition() + (int) remaining[0]);
                remaining[0] = 0;
                sink.next(buffer);
            });
        });
    }

    /**
     * Whether a response's body is delimited by the closing of its connection (no
     * {@code Content-Length}, not chunked): its end then says nothing about its completeness.
     */
    private static boolean endsWithConnection(HttpHeaders headers) {
        if (headers.getContentLength() >= 0) {
            return false;
        }
        for (String encoding : headers.getOrEmpty(HttpHeaders.TRANSFER_ENCODING)) {
            if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                return false;
            }
        }
        return true;
    }

    /**
     * After a body that ended with its connection: complete when the file's known size is reached,
     * else a dropped connection (an I/O failure, retried from where it stopped).
     */
    private static Mono<DataBuffer> confirmed(long delivered, long size) {
        if (size >= 0 && delivered == size) {
            return Mono.empty();
        }
        return Mono.error(new EOFException("the connection closed after " + delivered + " bytes of a body "
                + "sent without Content-Length or chunked encoding, "
                + ((size >= 0) ? "short of the file's " + size + " bytes" : "so the storage never said it was complete")));
    }

    /** The complete size of {@code Content-Range: bytes *&#47;N}, or -1. */
    private static long totalSize(HttpHeaders headers) {
        String range = headers.getFirst(HttpHeaders.CONTENT_RANGE);
        if (range != null && range.trim().matches("bytes \\*/\\d{1,18}")) {
            return Long.parseLong(range.trim().substring("bytes */".length()));
        }
        return -1;
    }

    /**
     * Sends one part of a file with {@code PUT}, as to S3's presigned part URLs.
     * @param progress told about each chunk sent; reset by the caller on a retry
     */
    Mono<Void> putPart(URI url, Path file, long offset, long length, LongConsumer progress, LongConsumer rewind) {
        long[] sent = { 0 };
        Mono<Void> attempt = Mono.defer(() -> {
            if (sent[0] > 0) {
                rewind.accept(sent[0]);
                sent[0] = 0;
            }
            Flux<DataBuffer> body = read(file, offset, length)
                    .doOnNext(buffer -> {
                        sent[0] += buffer.readableByteCount();
                        progress.accept(buffer.readableByteCount());
                    });
            return webClient.put()
                    .uri(url)
                    .contentLength(length)
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .body(BodyInserters.fromDataBuffers(body))
                    .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                            ? response.releaseBody() : failure(response, "PUT", url))
                    .onErrorMap(StorageClient::isWireFailure, failure -> wireFailure(failure, "PUT", url));
        });
        return attempt.retryWhen(retry("PUT", () -> 0));
    }

    /**
     * Sends a whole file as the {@code file} field of a presigned POST form, after the form's
     * other fields. The body is assembled here rather than with Spring's multipart writer because
     * storage services want a {@code Content-Length}, which that writer does not give.
     */
    Mono<Void> postForm(URI url, Map<String, String> fields, String fileName, Path file, long size,
            LongConsumer progress, LongConsumer rewind) {
        String boundary = "civis-" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quote(name)).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(quote(fileName))
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] preamble = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] epilogue = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long[] sent = { 0 };
        Mono<Void> attempt = Mono.defer(() -> {
            if (sent[0] > 0) {
                rewind.accept(sent[0]);
                sent[0] = 0;
            }
            Flux<DataBuffer> content = read(file, 0, size)
                    .doOnNext(buffer -> {
                        sent[0] += buffer.readableByteCount();
                        progress.accept(buffer.readableByteCount());
                    });
            Flux<DataBuffer> body = Flux.concat(Mono.fromSupplier(() -> buffers.wrap(preamble)), content,
                    Mono.fromSupplier(() -> buffers.wrap(epilogue)));
            return webClient.post()
                    .uri(url)
                    .contentLength(preamble.length + size + epilogue.length)
                    .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                    .body(BodyInserters.fromDataBuffers(body))
                    .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                            ? response.releaseBody() : failure(response, "POST", url))
                    .onErrorMap(StorageClient::isWireFailure, failure -> wireFailure(failure, "POST", url));
        });
        // A presigned POST writes one fixed key, so repeating it is as safe as a PUT.
        return attempt.retryWhen(retry("PUT", () -> 0));
    }

    /**
     * {@code length} bytes of a file from {@code offset}, in pooled direct buffers that the
     * connection writes as they are (no copy into the heap and out again). The file is read on a
     * worker thread, never an event loop (a read may wait for the disk), a burst of chunks at a
     * time, as many as the connection asks for: a request body holds a bounded, small amount of
     * memory however large the file and however slow the storage (see {@link #CHUNK_SIZE}).
     */
    private Flux<DataBuffer> read(Path file, long offset, long length) {
        long end = offset + length;
        return Flux.using(() -> FileChannel.open(file, StandardOpenOption.READ),
                channel -> Flux.<DataBuffer, Long>generate(() -> offset, (position, sink) -> {
                    if (position >= end) {
                        sink.complete();
                        return position;
                    }
                    int size = (int) Math.min(CHUNK_SIZE, end - position);
                    ByteBuf chunk = ByteBufAllocator.DEFAULT.directBuffer(size, size);
                    try {
                        while (chunk.isWritable()) {
                            if (chunk.writeBytes(channel, position + chunk.readableBytes(), chunk.writableBytes()) < 0) {
                                throw new EOFException(file + " ended after " + (position + chunk.readableBytes())
                                        + " bytes while " + end + " were to be sent: it changed during the upload");
                            }
                        }
                    }
                    catch (IOException ex) {
                        chunk.release();
                        sink.error(ex);
                        return position;
                    }
                    sink.next(buffers.wrap(chunk));
                    return position + size;
                }), StorageClient::closeQuietly)
                .subscribeOn(Schedulers.boundedElastic())
                // Chunks read but not sent when the request stops are released here.
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        }
        catch (IOException ex) {
            // only read from: nothing is lost
        }
    }

    @Override
    public void close() {
        pool.dispose();
    }

    /**
     * Reactor's retry with the API's policy. The attempt count and elapsed time start again when
     * {@code progress} moved since the last failure.
     */
    private Retry retry(String policyMethod, LongSupplier progress) {
        return Retry.from(signals -> Flux.defer(() -> {
            long[] state = { clock.millis(), 0, progress.getAsLong() };
            return signals.concatMap(signal -> {
                Throwable failure = signal.failure();
                long now = progress.getAsLong();
                if (now != state[2]) {
                    state[0] = clock.millis();
                    state[1] = 0;
                    state[2] = now;
                }
                state[1]++;
                Duration elapsed = Duration.ofMillis(Math.max(0, clock.millis() - state[0]));
                Duration delay = retryPolicy.nextDelay(policyMethod, failure, (int) state[1], elapsed);
                if (delay == null) {
                    if (failure instanceof CivisCallException call) {
                        call.recordAttempts((int) state[1]);
                    }
                    return Mono.error(failure);
                }
                return sleeper.delay(delay).then(Mono.just(state[1]));
            });
        }));
    }

    private static <T> Mono<T> failure(ClientResponse response, String method, URI url) {
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        return response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> Mono.error(CivisApiException.of(new CivisApiError(status, method, STORAGE_ROUTE,
                        describe(url), null, null, null, RateLimitStatus.unknown(), retryAfter(headers),
                        excerpt(body)))));
    }

    private static @Nullable Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value != null && value.trim().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        }
        return null;
    }

    private static @Nullable String excerpt(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                .trim();
        return text.isEmpty() ? null : text;
    }

    private static boolean isWireFailure(Throwable failure) {
        if (failure instanceof CivisException) {
            return false;
        }
        for (Throwable current = failure; current != null; current = current.getCause()) {
            // Netty's read and write timeouts are channel exceptions, not IOExceptions.
            if (current instanceof WebClientException || current instanceof IOException
                    || current instanceof TimeoutException || current instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    private static Throwable wireFailure(Throwable failure, String method, URI url) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
        return new CivisTransportException(method + " to the storage URL " + describe(url)
                + " failed before a complete response: " + reason, method, STORAGE_ROUTE, describe(url), failure);
    }

    /** The URL without its query, which holds the presigned signature. */
    static String describe(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath();
    }

    private static String quote(String text) {
        return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
