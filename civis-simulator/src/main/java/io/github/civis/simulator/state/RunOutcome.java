package io.github.civis.simulator.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How the runs of a job go, scripted by a test: how long a run stays queued and then running,
 * the state it ends in, the platform's error text, the log lines it writes over time and the
 * outputs it leaves. Immutable; every method returns a changed copy.
 *
 * <pre>{@code
 * simulator.runOutcome(jobId, RunOutcome.failed("Out of memory")
 *     .lasting(Duration.ofSeconds(20))
 *     .log(Duration.ofSeconds(5), "loading rows")
 *     .log(Duration.ofSeconds(19), "error", "killed"));
 * }</pre>
 */
public final class RunOutcome {

    /** The states a run can end in. */
    public static final List<String> FINAL_STATES = List.of("succeeded", "failed", "cancelled");

    private final String finalState;
    private final @Nullable String error;
    private final Duration queued;
    private final Duration duration;
    private final List<LogLine> logs;
    private final List<Output> outputs;

    private RunOutcome(String finalState, @Nullable String error, Duration queued, Duration duration,
            List<LogLine> logs, List<Output> outputs) {
        this.finalState = finalState;
        this.error = error;
        this.queued = queued;
        this.duration = duration;
        this.logs = List.copyOf(logs);
        this.outputs = List.copyOf(outputs);
    }

    /** Runs that succeed at once. */
    public static RunOutcome succeeded() {
        return new RunOutcome("succeeded", null, Duration.ZERO, Duration.ZERO, List.of(), List.of());
    }

    /** Runs that fail at once with this error text. */
    public static RunOutcome failed(String error) {
        return new RunOutcome("failed", Objects.requireNonNull(error, "error"), Duration.ZERO, Duration.ZERO,
                List.of(), List.of());
    }

    /**
     * Runs that end in the given state.
     * @param finalState {@code succeeded}, {@code failed} or {@code cancelled}
     * @param error the platform's error text, or {@code null}
     * @return the outcome
     * @throws IllegalArgumentException naming the state when it is not a final one
     */
    public static RunOutcome ending(String finalState, @Nullable String error) {
        String state = Objects.requireNonNull(finalState, "finalState").toLowerCase(Locale.ROOT);
        if (!FINAL_STATES.contains(state)) {
            throw new IllegalArgumentException("A run ends succeeded, failed or cancelled, not '" + finalState + "'");
        }
        return new RunOutcome(state, error, Duration.ZERO, Duration.ZERO, List.of(), List.of());
    }

    /** The same outcome, reached after running this long (after the queued time). */
    public RunOutcome lasting(Duration runningTime) {
        return new RunOutcome(finalState, error, queued, notNegative(runningTime, "runningTime"), logs, outputs);
    }

    /** The same outcome, after staying queued this long before running. */
    public RunOutcome queuedFor(Duration queuedTime) {
        return new RunOutcome(finalState, error, notNegative(queuedTime, "queuedTime"), duration, logs, outputs);
    }

    /** The same outcome, writing an {@code info} line this long after the run started running. */
    public RunOutcome log(Duration at, String message) {
        return log(at, "info", message);
    }

    /** The same outcome, writing a line of that level this long after the run started running. */
    public RunOutcome log(Duration at, String level, String message) {
        List<LogLine> more = new ArrayList<>(logs);
        more.add(new LogLine(notNegative(at, "at"), Objects.requireNonNull(level, "level"),
                Objects.requireNonNull(message, "message")));
        // Kept in time order so that the lines visible at any moment are a prefix of all lines.
        more.sort(java.util.Comparator.comparing(LogLine::at));
        return new RunOutcome(finalState, error, queued, duration, more, outputs);
    }

    /** The same outcome, leaving a JSON value output of that name when the run succeeds. */
    public RunOutcome jsonOutput(String name, JsonNode value) {
        return withOutput(new Output(Objects.requireNonNull(name, "name"), "JSONValue",
                Objects.requireNonNull(value, "value"), null));
    }

    /** The same outcome, leaving a file output of that name and content when the run succeeds. */
    public RunOutcome fileOutput(String name, byte[] content) {
        return withOutput(new Output(Objects.requireNonNull(name, "name"), "File", null,
                Objects.requireNonNull(content, "content").clone()));
    }

    private RunOutcome withOutput(Output output) {
        List<Output> more = new ArrayList<>(outputs);
        more.add(output);
        return new RunOutcome(finalState, error, queued, duration, logs, more);
    }

    /** The state the runs end in. */
    public String finalState() {
        return finalState;
    }

    /** The platform's error text, when any. */
    public @Nullable String error() {
        return error;
    }

    /** How long a run stays queued. */
    public Duration queued() {
        return queued;
    }

    /** How long a run runs after being queued. */
    public Duration duration() {
        return duration;
    }

    /** The lines a run writes, in time order. */
    public List<LogLine> logs() {
        return logs;
    }

    /** The outputs a successful run leaves. */
    public List<Output> outputs() {
        return outputs;
    }

    private static Duration notNegative(Duration duration, String name) {
        if (Objects.requireNonNull(duration, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return duration;
    }

    /**
     * A line a run writes.
     *
     * @param at how long after the run started running
     * @param level {@code info}, {@code warn}, {@code error}, …
     * @param message the text
     */
    public record LogLine(Duration at, String level, String message) {
    }

    /**
     * An output a successful run leaves.
     *
     * @param name the output's name
     * @param objectType {@code JSONValue} or {@code File}
     * @param value the JSON value of a {@code JSONValue} output
     * @param content the bytes of a {@code File} output
     */
    public record Output(String name, String objectType, @Nullable JsonNode value, byte @Nullable [] content) {
    }
}
