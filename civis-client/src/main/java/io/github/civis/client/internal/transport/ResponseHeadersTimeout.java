package io.github.civis.client.internal.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

/**
 * The response timeout: the time from sending a request to the response's headers. Reactor
 * Netty's own {@code responseTimeout} is a read-idle limit that lasts until the body ends, so a
 * server sending a byte now and then holds a call for as long as it likes, and a body that
 * pauses longer than the limit fails; this one is a deadline, and ends with the headers. The
 * body is bounded by the call timeout, which covers the whole attempt.
 *
 * <p>Running out of time fails the request with Netty's {@link ReadTimeoutException}, as Reactor
 * Netty's limit does, and closes the connection.
 */
public final class ResponseHeadersTimeout {

    /** Name of the handler in a connection's pipeline while a request waits for its headers. */
    static final String HANDLER_NAME = "civis.responseHeadersTimeout";

    private ResponseHeadersTimeout() {
    }

    /**
     * A client whose every request must see its response headers within the timeout.
     * @param http the client
     * @param timeout the longest wait from sending a request to its response's headers
     * @return the client with the limit
     */
    public static HttpClient apply(HttpClient http, Duration timeout) {
        long nanos = timeout.toNanos();
        return http
                .doOnRequest((request, connection) -> connection.removeHandler(HANDLER_NAME)
                        .addHandlerFirst(HANDLER_NAME, new Deadline(nanos)))
                .doOnResponse((response, connection) -> connection.removeHandler(HANDLER_NAME));
    }

    /** Fails the connection's request once the time has passed, unless removed first. */
    private static final class Deadline extends ChannelInboundHandlerAdapter {

        private final long nanos;

        private @Nullable ScheduledFuture<?> expiry;

        Deadline(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            expiry = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
        }

        private void expire(ChannelHandlerContext ctx) {
            if (!ctx.isRemoved() && ctx.channel().isActive()) {
                ctx.fireExceptionCaught(ReadTimeoutException.INSTANCE);
                ctx.close();
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancel();
            super.channelInactive(ctx);
        }

        private void cancel() {
            ScheduledFuture<?> scheduled = expiry;
            if (scheduled != null) {
                scheduled.cancel(false);
                expiry = null;
            }
        }
    }
}
