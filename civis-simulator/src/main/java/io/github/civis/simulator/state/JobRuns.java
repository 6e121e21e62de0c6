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
 * follows from the clock and its {@link RunOutcome}: by default {@code queued} for one step,
 * {@code running} for the next, then {@code succeeded} or {@code failed}; a test can script
 * another outcome per job or template. A cancelled run stays {@code cancelled}.
 */
public final class JobRuns {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;
    private final Duration step;
    private final ObjectStore ids;
    private final Map<Long, Map<Long, Run>> runsByJob = new LinkedHashMap<>();
    private final Map<Long, RunOutcome> outcomes = new java.util.HashMap<>();

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

    /** Forgets every run and every scripted outcome, as when new. */
    public synchronized void clear() {
        runsByJob.clear();
        outcomes.clear();
    }

    /** Formats an instant the way the API does. */
    public static String format(Instant instant) {
        return TIME.format(instant);
    }

    /** The current time, formatted the way the API does. */
    public String now() {
        return format(clock.instant());
    }

    /**
     * Scripts how the runs of a job go: runs started from now on follow the outcome. The id may
     * also be a template's: then the runs of custom scripts made from that template follow it,
     * unless their own id has an outcome.
     * @param jobOrTemplateId the job's or template's id
     * @param outcome how the runs go
     */
    public synchronized void script(long jobOrTemplateId, RunOutcome outcome) {
        outcomes.put(jobOrTemplateId, java.util.Objects.requireNonNull(outcome, "outcome"));
    }

    /** Starts a run of a job; it ends {@code failed} when {@code failure} is not {@code null}. */
    public synchronized Run start(long jobId, @Nullable String failure) {
        return start(jobId, null, failure);
    }

    /**
     * Starts a run of a job: as scripted for the job, else as scripted for its template, else
     * queued and running for one step each and then {@code failed} when {@code failure} is not
     * {@code null}, {@code succeeded} otherwise.
     */
    public synchronized Run start(long jobId, @Nullable Long templateId, @Nullable String failure) {
        RunOutcome outcome = outcomes.get(jobId);
        if (outcome == null && templateId != null) {
            outcome = outcomes.get(templateId);
        }
        if (outcome == null) {
            outcome = ((failure != null) ? RunOutcome.failed(failure) : RunOutcome.succeeded()).queuedFor(step)
                .lasting(step);
        }
        Run run = new Run(ids.nextId(), jobId, clock.instant(), outcome);
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

    /** Adds the outputs the supplier makes, unless the run has outputs already. */
    public synchronized void addOutputsOnce(Run run, java.util.function.Supplier<List<ObjectNode>> outputs) {
        if (run.outputs.isEmpty()) {
            run.outputs.addAll(outputs.get());
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
        if (now.isBefore(run.runningAt())) {
            return "queued";
        }
        if (now.isBefore(run.endsAt())) {
            return "running";
        }
        return run.outcome.finalState();
    }

    /** Whether the run may still write log lines (it has not ended). */
    public synchronized boolean mayWriteLogs(Run run) {
        return !isFinal(state(run));
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
        Instant end = (run.cancelledAt != null) ? run.cancelledAt : run.endsAt();
        if (state.equals("queued") || run.cancelledAt != null && !run.cancelledAt.isAfter(run.runningAt())) {
            node.putNull("startedAt");
        }
        else {
            node.put("startedAt", format(run.runningAt()));
        }
        if (isFinal(state)) {
            node.put("finishedAt", format(end));
        }
        else {
            node.putNull("finishedAt");
        }
        if (state.equals("failed") || state.equals("cancelled") && run.cancelledAt == null && run.outcome.error() != null) {
            node.put("error", run.outcome.error());
        }
        else {
            node.putNull("error");
        }
        return node;
    }

    /** The log lines of a run so far, oldest first. */
    public synchronized List<ObjectNode> logs(Run run) {
        return logs(run, 0, Integer.MAX_VALUE);
    }

    /**
     * The log lines of a run so far with an id above {@code afterId}, oldest first, at most
     * {@code limit}. Ids count the lines of the run from 1 in the order they are written, so
     * the lines visible at any moment are a prefix of all lines and ids never change.
     */
    public synchronized List<ObjectNode> logs(Run run, long afterId, int limit) {
        List<ObjectNode> all = allLogs(run);
        List<ObjectNode> selected = new ArrayList<>();
        for (ObjectNode line : all) {
            if (line.get("id").asLong() > afterId && selected.size() < limit) {
                selected.add(line);
            }
        }
        return selected;
    }

    /** The id of the latest line the run has written so far; {@code 0} before any. */
    public synchronized long maxLogId(Run run) {
        return allLogs(run).size();
    }

    private List<ObjectNode> allLogs(Run run) {
        Instant now = clock.instant();
        String state = state(run);
        // Lines stop at the cancel, or at the scripted end.
        Instant stop = (run.cancelledAt != null) ? run.cancelledAt : run.endsAt();
        List<ObjectNode> logs = new ArrayList<>();
        logs.add(log(logs.size() + 1, run.createdAt, "info", "Queued job " + run.jobId + ", run " + run.id));
        boolean ran = !now.isBefore(run.runningAt())
                && (run.cancelledAt == null || run.cancelledAt.isAfter(run.runningAt()));
        if (ran) {
            logs.add(log(logs.size() + 1, run.runningAt(), "info", "Running"));
            for (RunOutcome.LogLine line : run.outcome.logs()) {
                Instant at = run.runningAt().plus(line.at());
                boolean written = !at.isAfter(now) && (run.cancelledAt == null ? !at.isAfter(stop) : at.isBefore(stop));
                if (written) {
                    logs.add(log(logs.size() + 1, at, line.level(), line.message()));
                }
            }
        }
        switch (state) {
            case "succeeded" -> logs.add(log(logs.size() + 1, stop, "info",
                    "Process used approximately 0.0 MiB of its 0 MiB memory limit; Succeeded"));
            case "failed" -> logs.add(log(logs.size() + 1, stop, "error", "Failed: " + run.outcome.error()));
            case "cancelled" -> logs.add(log(logs.size() + 1, stop, "warn",
                    (run.cancelledAt != null) ? "Cancelled by user" : "Cancelled"));
            default -> { }
        }
        return logs;
    }

    /** The outputs a successful run of this outcome leaves, as scripted. */
    public synchronized List<RunOutcome.Output> scriptedOutputs(Run run) {
        return run.outcome.outputs();
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
        private final RunOutcome outcome;
        private @Nullable Instant cancelledAt;
        private final List<ObjectNode> outputs = new ArrayList<>();

        Run(long id, long jobId, Instant createdAt, RunOutcome outcome) {
            this.id = id;
            this.jobId = jobId;
            this.createdAt = createdAt;
            this.outcome = outcome;
        }

        private Instant runningAt() {
            return createdAt.plus(outcome.queued());
        }

        private Instant endsAt() {
            return runningAt().plus(outcome.duration());
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
