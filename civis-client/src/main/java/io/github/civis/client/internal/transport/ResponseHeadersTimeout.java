package io.github.civis.client.internal.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.AttributeKey;
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

    /** Name of the handler in a connection's pipeline. */
    static final String HANDLER_NAME = "civis.responseHeadersTimeout";

    /** The connection's handler, found without walking the pipeline. */
    private static final AttributeKey<Deadline> DEADLINE = AttributeKey.valueOf(HANDLER_NAME);

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
        // One handler per connection, armed by each request and disarmed by its headers: adding
        // and removing a handler per request locks the pipeline and allocates twice per call.
        return http
                .doOnRequest((request, connection) -> deadlineOf(connection.channel(), nanos).arm())
                .doOnResponse((response, connection) -> {
                    Deadline deadline = connection.channel().attr(DEADLINE).get();
                    if (deadline != null) {
                        deadline.disarm();
                    }
                });
    }

    /** The connection's deadline handler, added on its first request. Runs on its event loop. */
    private static Deadline deadlineOf(Channel channel, long nanos) {
        Deadline deadline = channel.attr(DEADLINE).get();
        if (deadline == null || deadline.context == null) {
            // first request, or something took the handler out of the pipeline since
            if (channel.pipeline().get(HANDLER_NAME) != null) {
                channel.pipeline().remove(HANDLER_NAME);
            }
            deadline = new Deadline(nanos);
            channel.pipeline().addFirst(HANDLER_NAME, deadline);
            channel.attr(DEADLINE).set(deadline);
        }
        return deadline;
    }

    /** Fails the connection's request once the time has passed, unless disarmed first. */
    private static final class Deadline extends ChannelInboundHandlerAdapter {

        private final long nanos;

        private @Nullable ChannelHandlerContext context;

        private @Nullable ScheduledFuture<?> expiry;

        Deadline(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            context = ctx;
        }

        /** Starts the wait for the headers of the request being sent; a previous wait ends. */
        void arm() {
            ChannelHandlerContext ctx = context;
            disarm();
            if (ctx != null) {
                expiry = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
            }
        }

        private void expire(ChannelHandlerContext ctx) {
            expiry = null;
            if (!ctx.isRemoved() && ctx.channel().isActive()) {
                ctx.fireExceptionCaught(ReadTimeoutException.INSTANCE);
                ctx.close();
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            context = null;
            disarm();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            disarm();
            super.channelInactive(ctx);
        }

        void disarm() {
            ScheduledFuture<?> scheduled = expiry;
            if (scheduled != null) {
                scheduled.cancel(false);
                expiry = null;
            }
        }
    }
}
