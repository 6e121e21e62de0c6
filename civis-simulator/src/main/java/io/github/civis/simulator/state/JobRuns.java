package io.github.civis.simulator.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs of jobs (scripts, imports, exports, …), keyed by job id so that
 * {@code /scripts/sql/{id}/runs} and {@code /jobs/{id}/runs} see the same runs. A run's state
 * follows from the clock: {@code queued} for one step, {@code running} for the next, then
 * {@code succeeded} or {@code failed}; a cancelled run stays {@code cancelled}.
 */
public final class JobRuns {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;
    private final Duration step;
    private final ObjectStore ids;
    private final Map<Long, Map<Long, Run>> runsByJob = new LinkedHashMap<>();

    /**
     * @param clock the clock runs advance on
     * @param step how long a run stays queued, then running
     * @param ids where run ids come from
     */
    public JobRuns(Clock clock, Duration step, ObjectStore ids) {
        this.clock = clock;
        this.step = step;
        this.ids = ids;
    }

    /** Formats an instant the way the API does. */
    public static String format(Instant instant) {
        return TIME.format(instant);
    }

    /** The current time, formatted the way the API does. */
    public String now() {
        return format(clock.instant());
    }

    /** Starts a run of a job; it ends {@code failed} when {@code failure} is not {@code null}. */
    public synchronized Run start(long jobId, @Nullable String failure) {
        Run run = new Run(ids.nextId(), jobId, clock.instant(), failure);
        runsByJob.computeIfAbsent(jobId, id -> new LinkedHashMap<>()).put(run.id, run);
        return run;
    }

    /** A run of a job. */
    public synchronized Optional<Run> get(long jobId, long runId) {
        return Optional.ofNullable(runsByJob.getOrDefault(jobId, Map.of()).get(runId));
    }

    /** The runs of a job, newest first. */
    public synchronized List<Run> list(long jobId) {
        List<Run> runs = new ArrayList<>(runsByJob.getOrDefault(jobId, Map.of()).values());
        java.util.Collections.reverse(runs);
        return runs;
    }

    /** Cancels a run unless it has ended; returns whether it was still active. */
    public synchronized boolean cancel(Run run) {
        if (isFinal(state(run))) {
            return false;
        }
        run.cancelledAt = clock.instant();
        return true;
    }

    /** Adds an output to a run. */
    public synchronized void addOutput(Run run, ObjectNode output) {
        run.outputs.add(output);
    }

    /**
     * Adds the output the supplier makes, unless the run has outputs already; for outputs that
     * appear when a run ends.
     */
    public synchronized void addOutputOnce(Run run, java.util.function.Supplier<ObjectNode> output) {
        if (run.outputs.isEmpty()) {
            run.outputs.add(output.get());
        }
    }

    /** The outputs of a run. */
    public synchronized List<ObjectNode> outputs(Run run) {
        return List.copyOf(run.outputs);
    }

    /** The state of a run now. */
    public synchronized String state(Run run) {
        Instant now = clock.instant();
        if (run.cancelledAt != null) {
            return "cancelled";
        }
        if (now.isBefore(run.createdAt.plus(step))) {
            return "queued";
        }
        if (now.isBefore(run.createdAt.plus(step.multipliedBy(2)))) {
            return "running";
        }
        return (run.failure != null) ? "failed" : "succeeded";
    }

    /** Whether a state is one a run never leaves. */
    public static boolean isFinal(String state) {
        return state.equals("succeeded") || state.equals("failed") || state.equals("cancelled");
    }

    /** The run's fields as the API shows them: id, state, times, error. */
    public synchronized ObjectNode view(Run run, boolean justCreated) {
        String state = justCreated ? "queued" : state(run);
        ObjectNode node = NODES.objectNode();
        node.put("id", run.id);
        node.put("state", state);
        node.put("isCancelRequested", run.cancelledAt != null);
        node.put("createdAt", format(run.createdAt));
        if (state.equals("queued")) {
            node.putNull("startedAt");
        }
        else {
            node.put("startedAt", format(run.createdAt.plus(step)));
        }
        if (isFinal(state)) {
            Instant end = (run.cancelledAt != null) ? run.cancelledAt : run.createdAt.plus(step.multipliedBy(2));
            node.put("finishedAt", format(end));
        }
        else {
            node.putNull("finishedAt");
        }
        if (state.equals("failed")) {
            node.put("error", run.failure);
        }
        else {
            node.putNull("error");
        }
        return node;
    }

    /** The log lines of a run so far, oldest first. */
    public synchronized List<ObjectNode> logs(Run run) {
        String state = state(run);
        List<ObjectNode> logs = new ArrayList<>();
        logs.add(log(logs.size(), run.createdAt, "info", "Queued job " + run.jobId + ", run " + run.id));
        if (!state.equals("queued") && run.cancelledAt == null || state.equals("cancelled")
                && run.cancelledAt.isAfter(run.createdAt.plus(step))) {
            logs.add(log(logs.size(), run.createdAt.plus(step), "info", "Running"));
        }
        switch (state) {
            case "succeeded" -> logs.add(log(logs.size(), run.createdAt.plus(step.multipliedBy(2)), "info",
                    "Process used approximately 0.0 MiB of its 0 MiB memory limit; Succeeded"));
            case "failed" -> logs.add(log(logs.size(), run.createdAt.plus(step.multipliedBy(2)), "error",
                    "Failed: " + run.failure));
            case "cancelled" -> logs.add(log(logs.size(), run.cancelledAt, "warn", "Cancelled by user"));
            default -> { }
        }
        return logs;
    }

    private static ObjectNode log(long id, Instant at, String level, String message) {
        ObjectNode node = NODES.objectNode();
        node.put("id", id);
        node.put("createdAt", format(at));
        node.put("message", message);
        node.put("level", level);
        return node;
    }

    /** One run of a job. Mutable fields are guarded by the {@link JobRuns} lock. */
    public static final class Run {

        private final long id;
        private final long jobId;
        private final Instant createdAt;
        private final @Nullable String failure;
        private @Nullable Instant cancelledAt;
        private final List<ObjectNode> outputs = new ArrayList<>();

        Run(long id, long jobId, Instant createdAt, @Nullable String failure) {
            this.id = id;
            this.jobId = jobId;
            this.createdAt = createdAt;
            this.failure = failure;
        }

        /** The run's id. */
        public long id() {
            return id;
        }

        /** The id of the job (script, import, …) it runs. */
        public long jobId() {
            return jobId;
        }
    }
}
