package io.github.civis.simulator.faults;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the faults decided for one call: a delay to add first, then at most one fault that
 * replaces or spoils the normal answer.
 *
 * @param delay the total latency to add
 * @param fault the rule that decides the answer, or {@code null} to serve the call normally
 */
public record FaultDecision(Duration delay, @Nullable FaultRule fault) {

    /** No delay, no fault. */
    public static final FaultDecision NONE = new FaultDecision(Duration.ZERO, null);
}
