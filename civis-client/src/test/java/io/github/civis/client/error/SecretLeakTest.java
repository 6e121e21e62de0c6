package io.github.civis.client.error;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.transport.CallArguments;

import static io.github.civis.client.TestSupport.BODY;
import static io.github.civis.client.TestSupport.GET_CREDENTIAL;
import static io.github.civis.client.TestSupport.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every kind of failure with full debug logging on and checks that the API key appears in
 * no message, no {@code toString()}, no stack trace text and no log line.
 */
class SecretLeakTest {

    private static final String[] LOGGERS = { "", "io.github.civis", "org.springframework", "reactor", "io.netty" };

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logLines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private MockWebServer server;

    @BeforeEach
    void captureLogs() throws Exception {
        capture.setLevel(Level.ALL);
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            previousLevels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        Logger.getLogger("").addHandler(capture);
        server = TestSupport.startServer();
    }

    @AfterEach
    void restoreLogs() {
        Logger.getLogger("").removeHandler(capture);
        for (int i = 0; i < LOGGERS.length; i++) {
            Logger.getLogger(LOGGERS[i]).setLevel(previousLevels.get(i));
        }
        server.close();
    }

    @Test
    void theKeyAppearsInNoMessageToStringOrLogLine() {
        List<Object> seen = new ArrayList<>();
        try (CivisClient client = TestSupport.clientFor(server, new RecordingSleeper())
                .retryPolicy(CivisRetryPolicy.builder().maxAttempts(2).build())
                .responseTimeout(Duration.ofMillis(300))
                .build()) {
            seen.add(client);
            seen.add(client.transport());
            server.enqueue(TestSupport.json(401, "{\"error\":\"invalid_token\"}"));
            server.enqueue(TestSupport.json(404, "{\"error\":\"not_found\"}"));
            server.enqueue(new MockResponse.Builder().code(503).body("<html>" + SECRET_KEY + "</html>").build());
            server.enqueue(new MockResponse.Builder().code(503).body("<html>" + SECRET_KEY + "</html>").build());
            server.enqueue(new MockResponse.Builder().code(200).body("not json " + SECRET_KEY).build());
            server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
            server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
            server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());
            server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());
            for (int i = 0; i < 6; i++) {
                try {
                    client.transport().call(GET_CREDENTIAL, CallArguments.path(i), BODY);
                }
                catch (RuntimeException ex) {
                    seen.add(ex);
                }
            }
        }
        seen.add(failure(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(SECRET_KEY).baseUrl(SECRET_KEY).build()));
        seen.add(failure(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(" ").build()));

        assertThat(seen).hasSizeGreaterThanOrEqualTo(8);
        assertThat(seen.stream().filter(Throwable.class::isInstance).count()).isGreaterThanOrEqualTo(7);
        for (Object value : seen) {
            assertThat(describe(value)).doesNotContain(SECRET_KEY);
        }
        assertThat(logLines).isNotEmpty();
        assertThat(logLines).noneMatch(line -> line.contains(SECRET_KEY));
    }

    private static Throwable failure(Runnable action) {
        try {
            action.run();
        }
        catch (RuntimeException ex) {
            return ex;
        }
        throw new AssertionError("expected a failure");
    }

    private static String describe(Object value) {
        if (value instanceof Throwable throwable) {
            StringWriter text = new StringWriter();
            throwable.printStackTrace(new PrintWriter(text));
            return throwable + "\n" + throwable.getMessage() + "\n" + text;
        }
        return String.valueOf(value);
    }
}
