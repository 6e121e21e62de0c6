package io.github.civis.client;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Keeps off the test console the warnings that fault tests cause on purpose (a connection the
 * server drops, a listener that throws), so that the build output shows only what is unexpected.
 * Loggers still receive these records: tests that capture log output see them.
 */
public final class ExpectedFaultWarnings implements Filter {

    /**
     * Messages of expected warnings: Reactor Netty's report of a dropped or timed-out connection, a
     * failing listener, and the client's line for each retry that a fault test provokes.
     */
    private static final List<String> EXPECTED = List.of("The connection observed an error",
            "CivisClientListener failed", "Retrying ");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel() != Level.WARNING || record.getMessage() == null) {
            return true;
        }
        return EXPECTED.stream().noneMatch(record.getMessage()::contains);
    }
}
