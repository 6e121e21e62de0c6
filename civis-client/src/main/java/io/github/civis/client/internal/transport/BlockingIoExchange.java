package io.github.civis.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.Timeout;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;

/**
 * Sends a blocking call on the calling thread, with blocking sockets (Apache HttpClient 5's
 * classic client): the thread writes the request and reads the answer itself, instead of handing
 * the call to an event loop and waiting to be woken. Used for the blocking calls of a client
 * built with {@code blockingIo(true)}; streams and reactive calls keep the Reactor Netty path.
 *
 * <p>The same wire behaviour as {@link NettyExchange}: the same headers (nothing added: no
 * compression, cookies, redirects or retries of the library's own), a {@code Content-Length}
 * JSON body, a body larger than the in-memory limit failing with
 * {@link DataBufferLimitException}, and a response head bounded (lines of at most
 * {@value #MAX_LINE} bytes, at most {@value #MAX_HEADERS} header fields). Its failures are
 * reported as the Reactor Netty path reports them, so that the transport maps them to the same
 * exceptions: a connect timeout as Netty's {@link ConnectTimeoutException}, no response headers
 * within the response timeout (counted from the start of the exchange) as
 * {@link ReadTimeoutException}, the call timeout as a {@link TimeoutException}.
 */
final class BlockingIoExchange implements AutoCloseable {

    /** Longest status line or header line accepted, in bytes. */
    static final int MAX_LINE = 8 * 1024;

    /** Most header fields accepted in one response. */
    static final int MAX_HEADERS = 200;

    private static final byte[] NO_BODY = new byte[0];

    /** Bytes read from the socket's stream at once. */
    private static final int READ_CHUNK = 16 * 1024;

    /** The body's type as the Reactor Netty path sends it: no charset parameter. */
    private static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient http;

    private final int maxInMemorySize;

    private final CallDeadline.Timer timer;

    private final Duration responseTimeout;

    private static final String RESPONSE = "response";

    private static final String CALL = "call";

    /**
     * @param maxConnections most connections open at once
     * @param connectTimeout bound of a connect
     * @param responseTimeout bound of each wait for bytes of the answer
     * @param maxInMemorySize largest body held, in bytes; {@code -1} for no limit
     * @param timer schedules the end of a call's time
     */
    BlockingIoExchange(int maxConnections, Duration connectTimeout, Duration responseTimeout, int maxInMemorySize,
            CallDeadline.Timer timer) {
        this.maxInMemorySize = maxInMemorySize;
        this.timer = timer;
        this.responseTimeout = responseTimeout;
        Http1Config head = Http1Config.custom().setMaxLineLength(MAX_LINE).setMaxHeaderCount(MAX_HEADERS).build();
        this.http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                // the most recently used connection first, as it is the least likely to have been dropped
                .setConnPoolPolicy(PoolReusePolicy.LIFO)
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder().http1Config(head).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                    .setConnectTimeout(org.apache.hc.core5.util.Timeout.of(connectTimeout))
                    // Bounded by the timers of each exchange instead: the response timeout up to
                    // the headers, the call timeout for the whole exchange (as on Reactor Netty).
                    .setSocketTimeout(org.apache.hc.core5.util.Timeout.DISABLED)
                    // checked before reuse after a pause, as a pooled Reactor Netty connection is
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .setTimeToLive(TimeValue.ofMinutes(10))
                    .build())
                .build())
            // Below typical load-balancer idle timeouts, as the Reactor Netty pool.
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .disableDefaultUserAgent()
            .build();
    }

    /**
     * Sends the request on the calling thread and hands the whole answer to the handler.
     * @param callTimeout bound of the whole exchange, or {@code null} for none; when it runs out
     *        the connection is closed and a {@link TimeoutException} thrown
     * @return the handler's value
     * @throws IOException a wire failure, as above
     * @throws TimeoutException the call timeout ran out
     */
    <T> @Nullable T exchange(String method, URI uri, Map<String, String> headers, byte @Nullable [] body,
            @Nullable Duration callTimeout, Exchange.Handler<T> handler) throws IOException, TimeoutException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, JSON));
        }
        // Which limit ran out first, if any; running out closes the connection, which ends the
        // blocked read or write of the calling thread.
        AtomicReference<@Nullable String> expired = new AtomicReference<>();
        Timeout headersDeadline = timer.schedule(timeout -> {
            if (expired.compareAndSet(null, RESPONSE)) {
                request.cancel();
            }
        }, responseTimeout.toNanos());
        Timeout callDeadline = (callTimeout == null) ? null : timer.schedule(timeout -> {
            if (expired.compareAndSet(null, CALL)) {
                request.cancel();
            }
        }, callTimeout.toNanos());
        try {
            return http.execute(request, response -> {
                headersDeadline.cancel();
                return handle(response, handler);
            });
        }
        catch (org.apache.hc.client5.http.ConnectTimeoutException ex) {
            ConnectTimeoutException connect = new ConnectTimeoutException(ex.getMessage());
            connect.initCause(ex);
            throw connect;
        }
        catch (IOException ex) {
            String limit = expired.get();
            if (CALL.equals(limit)) {
                throw timeout(ex);
            }
            if (RESPONSE.equals(limit)) {
                IOException response = new IOException("No response headers within the response timeout",
                        ReadTimeoutException.INSTANCE);
                response.addSuppressed(ex);
                throw response;
            }
            throw ex;
        }
        finally {
            headersDeadline.cancel();
            if (callDeadline != null) {
                callDeadline.cancel();
            }
        }
    }

    private static TimeoutException timeout(Exception cause) {
        TimeoutException timeout = new TimeoutException("The call timeout ran out; the request was cancelled");
        timeout.initCause(cause);
        return timeout;
    }

    private <T> @Nullable T handle(ClassicHttpResponse response, Exchange.Handler<T> handler) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        for (Header header : response.getHeaders()) {
            headers.add(header.getName(), header.getValue());
        }
        return handler.handle(response.getCode(), headers, read(response.getEntity()));
    }

    /**
     * The whole body, failing as soon as it is known to be larger than the limit: collected as
     * the Reactor Netty path collects it ({@link NettyExchange.Body}).
     */
    private byte[] read(@Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return NO_BODY;
        }
        long declared = entity.getContentLength();
        NettyExchange.checkDeclaredLength(declared, maxInMemorySize);
        NettyExchange.Body body = new NettyExchange.Body(maxInMemorySize, declared);
        byte[] chunk = new byte[READ_CHUNK];
        try (InputStream in = entity.getContent()) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                body.append(Unpooled.wrappedBuffer(chunk, 0, read));
            }
        }
        return body.bytes();
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }
}
