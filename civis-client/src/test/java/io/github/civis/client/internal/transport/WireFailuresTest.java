package io.github.civis.client.internal.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;

import io.github.civis.client.error.CivisApiError;
import io.github.civis.client.error.CivisNotFoundException;
import io.github.civis.client.error.CivisResponseTooLargeException;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.ratelimit.RateLimitStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures before an answer, mapped to the client's exceptions without a server. */
class WireFailuresTest {

    private final WireFailures failures = new WireFailures(URI.create("https://civis.invalid/api"),
            Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5));

    @Test
    void eachTimeoutNamesItsPhaseAndLimit() {
        assertThat(failures.map(new TimeoutException(), StageFixtures.GET_CREDENTIAL, "/credentials/1"))
                .isInstanceOfSatisfying(CivisTimeoutException.class, ex -> {
                    assertThat(ex.phase()).isEqualTo(CivisTimeoutException.Phase.CALL);
                    assertThat(ex.timeout()).isEqualTo(Duration.ofSeconds(5));
                });
        assertThat(failures.map(new IOException(ReadTimeoutException.INSTANCE), StageFixtures.GET_CREDENTIAL, "/x"))
                .isInstanceOfSatisfying(CivisTimeoutException.class,
                        ex -> assertThat(ex.phase()).isEqualTo(CivisTimeoutException.Phase.RESPONSE));
        assertThat(failures.map(new ConnectTimeoutException("slow"), StageFixtures.GET_CREDENTIAL, "/x"))
                .isInstanceOfSatisfying(CivisTimeoutException.class, ex -> {
                    assertThat(ex.phase()).isEqualTo(CivisTimeoutException.Phase.CONNECT);
                    assertThat(ex.timeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        assertThat(failures.map(new IllegalStateException(new DataBufferLimitException("over")),
                StageFixtures.GET_CREDENTIAL, "/credentials/1")).isInstanceOf(CivisResponseTooLargeException.class);
    }

    @Test
    void anUnresolvedHostIsNamedWithItsDefaultPort() {
        assertThat(failures.map(new IOException(new UnknownHostException("NXDOMAIN")), StageFixtures.GET_CREDENTIAL,
                "/credentials/1"))
                .isInstanceOf(CivisTransportException.class)
                .hasMessageContaining("the host civis.invalid:443 could not be resolved")
                .hasMessageContaining("GET /credentials/{id} (/credentials/1)");
    }

    @Test
    void onlyWireFailuresAreMappedNotAnswersOrBugs() {
        assertThat(WireFailures.isWireFailure(new ConnectException("refused"))).isTrue();
        assertThat(WireFailures.isWireFailure(new TimeoutException())).isTrue();
        assertThat(WireFailures.isWireFailure(new IllegalArgumentException("bug"))).isFalse();
        assertThat(WireFailures.isWireFailure(new CivisNotFoundException(new CivisApiError(404, "GET",
                "/credentials/{id}", "/credentials/1", null, null, null, RateLimitStatus.unknown(), null, null))))
                .isFalse();
    }
}
