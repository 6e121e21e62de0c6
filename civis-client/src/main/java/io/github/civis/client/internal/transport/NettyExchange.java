package io.github.civis.client.internal.transport;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.support.Netty4HeadersAdapter;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Exchanges straight on Reactor Netty's {@link HttpClient}: used when the client is built
 * without a {@code WebClient.Builder}, where no filter, codec or HTTP-level observation of an
 * application could apply. It skips what a {@code WebClient} does per request and this client
 * does not need: a request object and its header map, the exchange filter chain, codec lookup
 * for the body, and the copy of the body from joined buffers.
 *
 * <p>Same wire behaviour as through the {@code WebClient}: the same Reactor Netty client (pool,
 * timeouts), the same headers, a {@code Content-Length} body, and a body larger than the
 * in-memory limit fails with {@link DataBufferLimitException}, as Spring's codecs fail.
 */
final class NettyExchange implements Exchange {

    private static final byte[] NO_BODY = new byte[0];

    private final HttpClient http;

    private final int maxInMemorySize;

    /**
     * @param http the configured client (pool, timeouts)
     * @param maxInMemorySize largest body held, in bytes; {@code -1} for no limit
     */
    NettyExchange(HttpClient http, int maxInMemorySize) {
        this.http = http;
        this.maxInMemorySize = maxInMemorySize;
    }

    @Override
    public <T> Mono<T> exchange(String method, URI uri, Map<String, String> headers, byte @Nullable [] body,
            Handler<T> handler) {
        return http.request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
                .uri(uri)
                .send((request, outbound) -> {
                    headers.forEach(request::header);
                    if (body == null) {
                        return outbound.then();
                    }
                    request.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
                    return outbound.sendByteArray(Mono.just(body));
                })
                .response((response, content) -> {
                    long declared = contentLength(response.responseHeaders());
                    try {
                        // Known too large before a byte of it is read: fail now, hold nothing.
                        checkDeclaredLength(declared, maxInMemorySize);
                    }
                    catch (DataBufferLimitException ex) {
                        return Mono.error(ex);
                    }
                    return content
                            .reduceWith(() -> new Body(maxInMemorySize, declared), NettyExchange::append)
                            .<T>handle((collected, sink) -> {
                                T value = guarded(() -> handler.handle(response.status().code(),
                                        new HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders())),
                                        collected.bytes()));
                                if (value != null) {
                                    sink.next(value);
                                }
                            });
                })
                .singleOrEmpty()
                .onErrorMap(FatalReadFailure.class, Throwable::getCause);
    }

    private static Body append(Body body, ByteBuf chunk) {
        return guarded(() -> body.append(chunk));
    }

    /**
     * Runs one step of reading the answer on the event loop. Reactor rethrows a JVM-fatal error
     * (an {@link OutOfMemoryError}, say) from an operator instead of signalling it, which would
     * unwind the event loop's read and leave the caller waiting for a signal that never comes;
     * carried in a {@link FatalReadFailure} it ends this call instead, and is unwrapped before
     * the caller sees it.
     */
    private static <R extends @Nullable Object> R guarded(Supplier<R> step) {
        try {
            return step.get();
        }
        catch (VirtualMachineError | LinkageError ex) {
            throw new FatalReadFailure(ex);
        }
    }

    /** Carries a fatal error out of an operator as an ordinary failure; see {@link #guarded}. */
    private static final class FatalReadFailure extends RuntimeException {

        FatalReadFailure(Error error) {
            super(error.toString(), error, false, false);
        }
    }

    @Override
    public String toString() {
        return "NettyExchange";
    }

    /**
     * Fails when a declared {@code Content-Length} is already beyond the limit.
     * @param declared the declared length, or {@code -1} when unknown
     * @param maxInMemorySize largest body held, in bytes; {@code -1} for no limit
     * @throws DataBufferLimitException as Spring's codecs fail
     */
    static void checkDeclaredLength(long declared, int maxInMemorySize) {
        if (maxInMemorySize >= 0 && declared > maxInMemorySize) {
            throw new DataBufferLimitException("Declared Content-Length " + declared
                    + " exceeds the limit on max bytes to buffer : " + maxInMemorySize);
        }
    }

    private static long contentLength(io.netty.handler.codec.http.HttpHeaders headers) {
        String value = headers.get(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /**
     * The body, copied chunk by chunk out of Netty's buffers as they arrive (each buffer is
     * released by Reactor Netty once read) into one array that grows with what has arrived. A
     * declared {@code Content-Length} only caps the growth, so that a body that comes whole fills
     * an array of its exact size: it is the server's claim, and nothing is allocated for bytes
     * that have not come.
     */
    static final class Body {

        /** First capacity for a body that is coming, whatever its declared length. */
        static final int INITIAL_CAPACITY = 16 * 1024;

        /** Largest array the JVM reliably allocates. */
        private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

        private final int limit;

        private final long declared;

        private byte[] bytes = NO_BODY;

        private int size;

        /**
         * @param limit largest body held, in bytes; {@code -1} for no limit
         * @param declared the declared {@code Content-Length}, or {@code -1} when unknown
         */
        Body(int limit, long declared) {
            this.limit = limit;
            this.declared = declared;
        }

        Body append(ByteBuf chunk) {
            int length = chunk.readableBytes();
            long needed = (long) size + length;
            if ((limit >= 0 && needed > limit) || needed > MAX_ARRAY) {
                throw new DataBufferLimitException("Exceeded limit on max bytes to buffer : "
                        + ((limit >= 0) ? limit : MAX_ARRAY));
            }
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, capacityFor((int) needed));
            }
            chunk.readBytes(bytes, size, length);
            size += length;
            return this;
        }

        /**
         * Doubles (starting at {@value #INITIAL_CAPACITY}), but never past the declared length
         * while the body stays within it, nor past the limit.
         */
        private int capacityFor(int needed) {
            long capacity = Math.max(needed, Math.max(INITIAL_CAPACITY, 2L * bytes.length));
            if (declared >= needed) {
                capacity = Math.min(capacity, declared);
            }
            if (limit >= 0) {
                capacity = Math.min(capacity, limit);
            }
            return (int) Math.min(capacity, MAX_ARRAY);
        }

        /** Bytes held so far. */
        int size() {
            return size;
        }

        /** Bytes allocated so far. */
        int capacity() {
            return bytes.length;
        }

        byte[] bytes() {
            return (size == bytes.length) ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
