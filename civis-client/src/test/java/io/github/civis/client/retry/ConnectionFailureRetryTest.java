package io.github.civis.client.retry;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.error.CivisTransportException;

import static io.github.civis.client.TestSupport.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A base URL where nothing listens: connection failures get their own small budget and every
 * retry is logged at WARN, so that a wrong URL does not look like a hang.
 */
class ConnectionFailureRetryTest {

    /** Held here: JUL keeps loggers only weakly, and a collected one would lose the handler. */
    private final Logger civisLogger = Logger.getLogger("io.github.civis");
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private String refusingUrl;

    @BeforeEach
    void start() throws Exception {
        civisLogger.addHandler(capture);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            refusingUrl = "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }

    @AfterEach
    void stop() {
        civisLogger.removeHandler(capture);
    }

    private CivisClient.Builder client(RecordingSleeper sleeper) {
        CivisClient.Builder builder = CivisClient.builder();
        builder.hooks(hooks -> hooks.withEnvironment(name -> null).withSleeper(sleeper)
                .withClock(sleeper.clock()));
        return builder.baseUrl(refusingUrl).apiKey(SECRET_KEY)
                .retryPolicy(CivisRetryPolicy.builder().jitter(() -> 1.0).build());
    }

    @Test
    void aRefusedConnectionIsTriedThreeTimesByDefault() {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (CivisClient client = client(sleeper).build()) {
            assertThatThrownBy(() -> client.users().getMe()).isInstanceOf(CivisTransportException.class)
                    .hasMessageContaining("3 attempts");
        }
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void eachRetryIsLoggedAtWarnWithOperationAttemptCauseAndWait() {
        RecordingSleeper sleeper = new RecordingSleeper();
        try (CivisClient client = client(sleeper).build()) {
            assertThatThrownBy(() -> client.users().getMe()).isInstanceOf(CivisTransportException.class);
        }
        SimpleFormatter formatter = new SimpleFormatter();
        List<String> lines = warnings.stream().map(formatter::format).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("GET /users/me").contains("attempt 1 of 3").contains("1000 ms")
                .containsIgnoringCase("connection refused");
        assertThat(lines.get(1)).contains("attempt 2 of 3").contains("2000 ms");
        assertThat(lines).noneMatch(line -> line.contains(SECRET_KEY));
    }
}
