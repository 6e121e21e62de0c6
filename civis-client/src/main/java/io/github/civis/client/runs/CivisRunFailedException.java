package io.github.civis.client.runs;

import java.util.List;

import io.github.civis.client.error.CivisException;
import org.jspecify.annotations.Nullable;

/**
 * A run ended without succeeding: it failed or was cancelled. Carries what is needed to see why
 * from the log of the calling service alone: the job and run ids, the final state, the
 * platform's error text and the last log lines of the run (also in the message).
 */
public class CivisRunFailedException extends CivisException {

    /** How many of the run's last log lines are kept. */
    public static final int LOG_TAIL_LINES = 20;

    private final long jobId;
    private final long runId;
    private final RunState finalState;
    private final @Nullable String error;
    private final List<String> logTail;

    /**
     * Creates the exception.
     * @param jobId the job's id
     * @param runId the run's id
     * @param finalState the state the run ended in
     * @param error the platform's error text, or {@code null} when it gave none
     * @param logTail the run's last log lines, oldest first (at most {@value #LOG_TAIL_LINES} are kept)
     */
    public CivisRunFailedException(long jobId, long runId, RunState finalState, @Nullable String error,
            List<String> logTail) {
        super(message(jobId, runId, finalState, error, tail(logTail)));
        this.jobId = jobId;
        this.runId = runId;
        this.finalState = finalState;
        this.error = error;
        this.logTail = tail(logTail);
    }

    private static List<String> tail(List<String> lines) {
        return List.copyOf(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    private static String message(long jobId, long runId, RunState state, @Nullable String error, List<String> tail) {
        StringBuilder message = new StringBuilder("Run ").append(runId).append(" of job ").append(jobId).append(' ')
            .append(state.wireName());
        if (error != null && !error.isBlank()) {
            message.append(": ").append(error);
        }
        if (!tail.isEmpty()) {
            message.append("\nLast log lines:");
            tail.forEach(line -> message.append("\n  ").append(line));
        }
        return message.toString();
    }

    /** The job's id. */
    public long jobId() {
        return jobId;
    }

    /** The run's id. */
    public long runId() {
        return runId;
    }

    /** The state the run ended in: {@link RunState#FAILED} or {@link RunState#CANCELLED}. */
    public RunState finalState() {
        return finalState;
    }

    /** The platform's error text, or {@code null} when it gave none. */
    public @Nullable String error() {
        return error;
    }

    /** The run's last log lines (at most {@value #LOG_TAIL_LINES}), oldest first. */
    public List<String> logTail() {
        return logTail;
    }
}
