package io.github.civis.client.internal.transport;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body buffer of the Reactor Netty exchange holds what arrived, never what was announced. */
class NettyExchangeBodyTest {

    @Test
    void anAnnouncedLengthAllocatesNothingBeforeBytesArrive() {
        NettyExchange.Body body = new NettyExchange.Body(64 * 1024 * 1024, 60_000_000);

        assertThat(body.capacity()).isZero();
        body.append(Unpooled.wrappedBuffer(new byte[10]));

        assertThat(body.size()).isEqualTo(10);
        assertThat(body.capacity()).isEqualTo(NettyExchange.Body.INITIAL_CAPACITY);
    }

    @Test
    void aBodyThatComesWholeEndsInAnArrayOfItsDeclaredSize() {
        int length = 100_000;
        NettyExchange.Body body = new NettyExchange.Body(-1, length);
        byte[] chunk = new byte[7_000];
        for (int sent = 0; sent < length; sent += chunk.length) {
            java.util.Arrays.fill(chunk, (byte) (sent / chunk.length));
            body.append(Unpooled.wrappedBuffer(chunk, 0, Math.min(chunk.length, length - sent)));
            // never more than twice what arrived (or the first capacity)
            assertThat(body.capacity()).isLessThanOrEqualTo(Math.max(2 * body.size(),
                    NettyExchange.Body.INITIAL_CAPACITY));
        }

        assertThat(body.capacity()).isEqualTo(length);
        byte[] bytes = body.bytes();
        assertThat(bytes).hasSize(length);
        assertThat(bytes[0]).isZero();
        assertThat(bytes[length - 1]).isEqualTo((byte) ((length - 1) / chunk.length));
    }

    @Test
    void aBodyOfUnknownLengthGrowsAndIsTrimmedToWhatArrived() {
        NettyExchange.Body body = new NettyExchange.Body(-1, -1);
        for (int i = 0; i < 50; i++) {
            body.append(Unpooled.wrappedBuffer(new byte[1_000]));
        }

        assertThat(body.bytes()).hasSize(50_000);
    }

    @Test
    void bytesBeyondTheLimitFailWhicheverLengthWasAnnounced() {
        NettyExchange.Body body = new NettyExchange.Body(20_000, 10);
        body.append(Unpooled.wrappedBuffer(new byte[15_000]));

        assertThatThrownBy(() -> body.append(Unpooled.wrappedBuffer(new byte[6_000])))
                .isInstanceOf(DataBufferLimitException.class)
                .hasMessageContaining("20000");
        assertThat(body.capacity()).isLessThanOrEqualTo(20_000);
    }
}
