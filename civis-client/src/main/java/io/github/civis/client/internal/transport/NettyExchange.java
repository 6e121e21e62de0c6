package io.github.civis.client.internal.transport;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;

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
                .response((response, content) -> content.asByteArray()
                        .reduceWith(() -> new Body(maxInMemorySize), Body::append)
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

    /** The body's chunks, joined as they arrive; most bodies come in one chunk and are not copied again. */
    private static final class Body {

        private final int limit;

        private byte[] bytes = NO_BODY;

        private int size;

        Body(int limit) {
            this.limit = limit;
        }

        Body append(byte[] chunk) {
            if (limit >= 0 && (long) size + chunk.length > limit) {
                throw new DataBufferLimitException("Exceeded limit on max bytes to buffer : " + limit);
            }
            if (size == 0) {
                bytes = chunk;
            }
            else {
                if (size + chunk.length > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.max(size + chunk.length, Math.min(
                            (limit >= 0) ? limit : Integer.MAX_VALUE - 8, bytes.length * 2)));
                }
                System.arraycopy(chunk, 0, bytes, size, chunk.length);
            }
            size += chunk.length;
            return this;
        }

        byte[] bytes() {
            return (size == bytes.length) ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
