package io.github.civis.client.runs;

import java.util.Locale;

/** How waiting for a run ended, as told to a {@link CivisRunListener}. */
public enum AwaitOutcome {

    /** The run succeeded. */
    SUCCEEDED,
    /** The run failed. */
    FAILED,
    /** The run was cancelled. */
    CANCELLED,
    /** The wait timed out; the run goes on. */
    TIMEOUT,
    /** The caller stopped waiting (interrupted, or the subscriber cancelled); the run goes on. */
    STOPPED,
    /** Reading the run failed for good (e.g. it no longer exists, or the key was revoked). */
    ERROR;

    /** The lower-case name, e.g. {@code succeeded}, as used for metric tags. */
    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AwaitOutcome of(RunState state) {
        return switch (state) {
            case SUCCEEDED -> SUCCEEDED;
            case CANCELLED -> CANCELLED;
            default -> FAILED;
        };
    }
}
