package io.github.civis.client.internal.transport;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

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
                .response((response, content) -> content
                        .reduceWith(() -> new Body(maxInMemorySize, contentLength(response.responseHeaders())),
                                Body::append)
                        .<T>handle((collected, sink) -> {
                            T value = handler.handle(response.status().code(),
                                    new HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders())),
                                    collected.bytes());
                            if (value != null) {
                                sink.next(value);
                            }
                        }))
                .singleOrEmpty();
    }

    @Override
    public String toString() {
        return "NettyExchange";
    }

    private static int contentLength(io.netty.handler.codec.http.HttpHeaders headers) {
        String value = headers.get(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    /**
     * The body, copied chunk by chunk out of Netty's buffers as they arrive (each buffer is
     * released by Reactor Netty once read) into one array, sized from {@code Content-Length}
     * when the server sent it: one copy of the bytes, and no array grown or trimmed.
     */
    private static final class Body {

        private final int limit;

        private byte[] bytes;

        private int size;

        Body(int limit, int expectedLength) {
            this.limit = limit;
            int capacity = (expectedLength < 0) ? 0 : (limit >= 0) ? Math.min(expectedLength, limit) : expectedLength;
            this.bytes = (capacity == 0) ? NO_BODY : new byte[capacity];
        }

        Body append(ByteBuf chunk) {
            int length = chunk.readableBytes();
            if (limit >= 0 && (long) size + length > limit) {
                throw new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + limit);
            }
            if (size + length > bytes.length) {
                long doubled = Math.max(size + length, 2L * bytes.length);
                bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, (limit >= 0) ? limit : Integer.MAX_VALUE - 8));
            }
            chunk.readBytes(bytes, size, length);
            size += length;
            return this;
        }

        byte[] bytes() {
            return (size == bytes.length) ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
