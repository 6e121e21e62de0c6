package io.github.civis.client.runs;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The state of a run as the platform reports it. */
public enum RunState {

    /** Waiting for resources. */
    QUEUED,
    /** Running. */
    RUNNING,
    /** Ended successfully. */
    SUCCEEDED,
    /** Ended with an error. */
    FAILED,
    /** Ended because it was cancelled. */
    CANCELLED,
    /** A state this client does not know; treated as not ended, so waiting goes on. */
    UNKNOWN;

    /**
     * Reads the platform's state text ({@code queued}, {@code running}, {@code succeeded},
     * {@code failed}, {@code cancelled}; also {@code idle} as queued).
     * @param state the text, or {@code null}
     * @return the state, {@link #UNKNOWN} for anything else
     */
    public static RunState of(@Nullable String state) {
        if (state == null) {
            return UNKNOWN;
        }
        return switch (state.trim().toLowerCase(Locale.ROOT)) {
            case "queued", "idle" -> QUEUED;
            case "running" -> RUNNING;
            case "succeeded", "success" -> SUCCEEDED;
            case "failed" -> FAILED;
            case "cancelled", "canceled" -> CANCELLED;
            default -> UNKNOWN;
        };
    }

    /** Whether a run never leaves this state. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The platform's text for this state, e.g. {@code succeeded}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
