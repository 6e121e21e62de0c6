package io.github.civis.client.runs;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one timer thread all runs of a client share for the waits between polls, created on
 * first use and stopped by {@link #close()} (which {@code CivisClient.close()} calls). It only
 * times the waits: the calls themselves are non-blocking, so no thread is held per run.
 */
public final class RunScheduler implements AutoCloseable {

    private final String name;
    private @Nullable Scheduler scheduler;
    private boolean closed;

    /**
     * Creates the holder; no thread starts until the first wait.
     * @param name the timer thread's name
     */
    public RunScheduler(String name) {
        this.name = name;
    }

    /**
     * The scheduler, started on first use.
     * @return the scheduler
     * @throws IllegalStateException when closed
     */
    public synchronized Scheduler get() {
        if (closed) {
            throw new IllegalStateException("The Civis client is closed; runs can no longer be awaited");
        }
        if (scheduler == null) {
            scheduler = Schedulers.newSingle(name, true);
        }
        return scheduler;
    }

    /** Whether the timer thread has been started (and not stopped). */
    public synchronized boolean isStarted() {
        return scheduler != null && !closed;
    }

    /** Stops the timer thread, if started; pending waits end with an error. */
    @Override
    public synchronized void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.dispose();
        }
    }
}
