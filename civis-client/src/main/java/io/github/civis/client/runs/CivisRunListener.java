package io.github.civis.client.runs;

import java.time.Duration;
import java.util.List;

/**
 * Told what waiting for runs does, for metrics or logs: when waiting for a run begins, each
 * poll of its state (and each that failed), and how the wait ended. Called on the thread that did the work; must be
 * quick and must not block. An exception thrown here is logged and otherwise ignored: it never
 * fails or stops a wait.
 */
public interface CivisRunListener {

    /** A listener that does nothing. */
    CivisRunListener NONE = new CivisRunListener() {
    };

    /**
     * Waiting for a run began.
     * @param jobId the job's id
     * @param runId the run's id
     */
    default void awaitStarted(long jobId, long runId) {
    }

    /**
     * The run's state was read while waiting (one call to the API).
     * @param jobId the job's id
     * @param runId the run's id
     * @param state the state read
     */
    default void polled(long jobId, long runId, RunState state) {
    }

    /**
     * A read of the run's state failed while waiting (after the client's own retries); the poll
     * is skipped, unless this makes {@link RunPolling#maxConsecutiveFailedPolls()} failures in a
     * row, which ends the wait with {@link CivisRunPollingException}.
     * @param jobId the job's id
     * @param runId the run's id
     * @param failure why the read failed
     * @param consecutive how many polls in a row have failed, this one included
     */
    default void pollFailed(long jobId, long runId, Throwable failure, int consecutive) {
    }

    /**
     * Waiting for a run ended; every {@link #awaitStarted} is followed by exactly one call.
     * @param jobId the job's id
     * @param runId the run's id
     * @param outcome how the wait ended
     * @param waited how long the wait lasted
     */
    default void awaitEnded(long jobId, long runId, AwaitOutcome outcome, Duration waited) {
    }

    /**
     * A listener that tells each of the given ones, in order. A listener that throws keeps the
     * ones after it from hearing of that event (the wait itself goes on, as for any listener).
     * @param listeners the listeners
     * @return the combined listener ({@link #NONE} for none, the listener itself for one)
     */
    static CivisRunListener composite(List<? extends CivisRunListener> listeners) {
        List<CivisRunListener> copy = List.copyOf(listeners);
        if (copy.size() < 2) {
            return copy.isEmpty() ? NONE : copy.get(0);
        }
        return new CivisRunListener() {
            @Override
            public void awaitStarted(long jobId, long runId) {
                copy.forEach(listener -> listener.awaitStarted(jobId, runId));
            }

            @Override
            public void polled(long jobId, long runId, RunState state) {
                copy.forEach(listener -> listener.polled(jobId, runId, state));
            }

            @Override
            public void pollFailed(long jobId, long runId, Throwable failure, int consecutive) {
                copy.forEach(listener -> listener.pollFailed(jobId, runId, failure, consecutive));
            }

            @Override
            public void awaitEnded(long jobId, long runId, AwaitOutcome outcome, Duration waited) {
                copy.forEach(listener -> listener.awaitEnded(jobId, runId, outcome, waited));
            }
        };
    }
}
