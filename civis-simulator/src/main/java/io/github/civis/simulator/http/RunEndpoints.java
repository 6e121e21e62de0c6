package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.civis.catalog.CatalogOperation;
import io.github.civis.simulator.http.RouteTable.RouteMatch;
import io.github.civis.simulator.state.JobRuns;
import io.github.civis.simulator.state.StoredObject;
import io.github.civis.simulator.sql.SeededTable;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs of jobs ({@code …/{id}/runs…}): start, show, list and cancel, with their logs and
 * outputs. What a job does when its run starts and ends (a query, an import, an export) is in
 * {@link SqlJobs}.
 */
final class RunEndpoints extends ApiArea {

    private static final int LOG_PAGE_DEFAULT = 250;

    private static final int LOG_PAGE_MAX = 1000;

    /** Outputs decided when a run started, left when it is first seen succeeded; by run id. */
    private final Map<Long, ObjectNode> pendingOutputs = new java.util.concurrent.ConcurrentHashMap<>();

    private final SqlJobs jobs;

    RunEndpoints(State state, SqlJobs jobs) {
        super(state);
        this.jobs = jobs;
    }

    /** Where {@code runs} follows a job id in a route's segments (a run route), else -1. */
    static int indexOfRuns(String[] t) {
        for (int i = 1; i < t.length; i++) {
            if (t[i].equals("runs") && RouteTable.isPlaceholder(t[i - 1])) {
                int rest = t.length - i - 1;
                if (rest == 0 || rest == 1 && RouteTable.isPlaceholder(t[i + 1])
                        || rest == 2 && RouteTable.isPlaceholder(t[i + 1])
                                && (t[i + 2].equals("logs") || t[i + 2].equals("outputs"))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A run route: start or list a job's runs, or show, cancel, log or add outputs to one. */
    SimulatorResponse runs(RouteMatch match, int runsIndex, SimulatorRequest request, ObjectNode body) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(runsIndex - 1);
        String jobIdText = match.segments()[runsIndex - 1];
        if (!isLong(jobIdText)) {
            return CivisErrors.notFound("No job " + jobIdText);
        }
        long jobId = Long.parseLong(jobIdText);
        Optional<StoredObject> job = find(collection, jobId);
        if (job.isEmpty()) {
            job = store.find(jobId, c -> JOB_COLLECTION.matcher(c).matches());
        }
        if (job.isEmpty() && isStateful(match.templatePrefix(runsIndex - 1))) {
            return notFoundObject(collection, jobId);
        }
        int rest = match.segments().length - runsIndex - 1;
        String verb = operation.verb();
        boolean sqlJob = job.isPresent() && (job.get().body().has("sql")
                || job.get().collection().equals(CSV_EXPORT_COLLECTION));
        ObjectNode jobBody = job.map(StoredObject::body).orElseGet(NODES::objectNode);
        long ownerId = job.map(StoredObject::ownerId).orElse(0L);
        if (rest == 0) {
            if (verb.equals("POST")) {
                // Jobs of collections the API cannot create here (no POST route) exist implicitly.
                Long templateId = job.map(j -> j.body().path("fromTemplateId"))
                    .filter(JsonNode::isIntegralNumber).map(JsonNode::asLong).orElse(null);
                String failure = job.map(jobs::startFailure).orElse(null);
                JobRuns.Run run = runs.start(jobId, templateId, failure);
                if (failure == null && job.isPresent() && job.get().collection().equals(PREPROCESS_COLLECTION)) {
                    pendingOutputs.put(run.id(), jobs.preprocess(job.get()));
                }
                SimulatorResponse response = respond(operation, runView(operation, run, jobId, true));
                return response.withHeader("Location",
                        baseUrl.get() + match.prefix(runsIndex + 1).substring(1) + "/" + run.id());
            }
            List<JsonNode> all = new ArrayList<>();
            for (JobRuns.Run run : runs.list(jobId)) {
                leaveOutputs(run, sqlJob, ownerId, jobBody);
                all.add(runView(operation, run, jobId, false));
            }
            return page(match, request, all);
        }
        String runIdText = match.segments()[runsIndex + 1];
        Optional<JobRuns.Run> run = isLong(runIdText) ? runs.get(jobId, Long.parseLong(runIdText)) : Optional.empty();
        if (run.isEmpty()) {
            return CivisErrors.notFound("No run " + runIdText + " of job " + jobId);
        }
        leaveOutputs(run.get(), sqlJob, ownerId, jobBody);
        if (rest == 2) {
            boolean logs = match.segments()[runsIndex + 2].equals("logs");
            if (logs) {
                return logs(operation, run.get(), request);
            }
            if (verb.equals("POST") && operation.responseType() != null) {
                ObjectNode output = (ObjectNode) samples.shape(operation.responseType(), addedOutput(body));
                runs.addOutput(run.get(), output);
                return respond(operation, output);
            }
            return page(match, request, new ArrayList<>(runs.outputs(run.get())));
        }
        switch (verb) {
            case "DELETE" -> {
                // As the platform does, a run that has ended cannot be cancelled: 404.
                return runs.cancel(run.get()) ? SimulatorResponse.empty(operation.responseStatus())
                        : CivisErrors.notFound("Run " + run.get().id() + " of job " + jobId + " has already ended.");
            }
            case "PATCH" -> {
                return SimulatorResponse.empty(operation.responseStatus());
            }
            default -> {
                return respond(operation, runView(operation, run.get(), jobId, false));
            }
        }
    }

    /**
     * The log lines of a run after {@code last_id}, at most {@code limit} (default 250), with
     * the headers the platform sends on this route: {@code civis-max-id}, the latest line's id
     * (absent before any line), and {@code civis-cache-control}, {@code no-store} while the run
     * may still write lines.
     */
    private SimulatorResponse logs(CatalogOperation operation, JobRuns.Run run, SimulatorRequest request) {
        String lastIdText = firstNonNull(request.queryValue("lastId"), request.queryValue("last_id"));
        long lastId = (lastIdText != null && isLong(lastIdText)) ? Long.parseLong(lastIdText) : 0;
        int limit = clamp(parseInt(request.queryValue("limit"), LOG_PAGE_DEFAULT), 1, LOG_PAGE_MAX);
        // Read whether more lines may come before reading the lines, so that a line written in
        // between is never missed by a follower that stops on the header.
        boolean mayWriteMore = runs.mayWriteLogs(run);
        long maxId = runs.maxLogId(run);
        List<JsonNode> lines = new ArrayList<>(runs.logs(run, lastId, limit));
        SimulatorResponse response = respond(operation, NODES.arrayNode().addAll(lines))
            .withHeader("civis-cache-control", mayWriteMore ? "no-store" : "max-age=86400");
        return (maxId > 0) ? response.withHeader("civis-max-id", String.valueOf(maxId)) : response;
    }

    private static @Nullable String firstNonNull(@Nullable String first, @Nullable String second) {
        return (first != null) ? first : second;
    }

    /** Leaves a successful run's outputs when it is first seen ended: as scripted, else a SQL job's result file. */
    private void leaveOutputs(JobRuns.Run run, boolean sqlJob, long ownerId, ObjectNode jobBody) {
        if (!runs.state(run).equals("succeeded")) {
            return;
        }
        List<io.github.civis.simulator.state.RunOutcome.Output> scripted = runs.scriptedOutputs(run);
        ObjectNode pending = pendingOutputs.remove(run.id());
        if (!scripted.isEmpty()) {
            runs.addOutputsOnce(run, () -> scripted.stream().map(output -> scriptedOutput(output, ownerId)).toList());
        }
        else if (pending != null) {
            runs.addOutputOnce(run, () -> pending);
        }
        else if (sqlJob) {
            runs.addOutputOnce(run, () -> jobs.sqlOutput(ownerId, jobBody));
        }
    }

    private ObjectNode scriptedOutput(io.github.civis.simulator.state.RunOutcome.Output scripted, long ownerId) {
        long id = store.nextId();
        ObjectNode output = NODES.objectNode();
        output.put("objectType", scripted.objectType());
        output.put("objectId", id);
        output.put("name", scripted.name());
        if (scripted.content() != null) {
            // Kept for the platform's default 30 days from now, on the simulator's clock.
            files.store(id, scripted.content());
            addOutputFile(id, scripted.name(), ownerId, java.time.Duration.ofDays(30));
            output.put("link", baseUrl.get() + "files/" + id);
            output.putNull("value");
        }
        else {
            ObjectNode value = NODES.objectNode();
            value.put("id", id);
            value.put("name", scripted.name());
            value.set("value", scripted.value());
            store.add("/json_values", id, ownerId, value);
            output.put("link", baseUrl.get() + "json_values/" + id);
            output.set("value", scripted.value());
        }
        return output;
    }

    /**
     * An output added to a run ({@code POST …/runs/{run_id}/outputs}) as the platform answers it:
     * the object's own name, the API link to it and, for a JSON value, its value.
     */
    private ObjectNode addedOutput(ObjectNode body) {
        ObjectNode output = body.deepCopy();
        String type = body.path("objectType").asString("");
        long objectId = body.path("objectId").asLong(-1);
        String collection = switch (type) {
            case "File" -> "files";
            case "Table" -> "tables";
            case "Report" -> "reports";
            case "Project" -> "projects";
            case "Credential" -> "credentials";
            case "JSONValue" -> "json_values";
            default -> null;
        };
        Optional<ObjectNode> object = store.find(objectId, c -> ("/" + collection).equals(c))
            .map(found -> store.locked(() -> found.body().deepCopy()));
        String name = object.map(o -> o.path("name").asString(null)).orElse(null);
        if (name == null && type.equals("Table")) {
            name = databases.table(objectId).map(SeededTable::qualifiedName).orElse(null);
        }
        if (!output.has("name")) {
            if (name != null) {
                output.put("name", name);
            }
            else {
                output.putNull("name");
            }
        }
        if (collection != null) {
            output.put("link", baseUrl.get() + collection + "/" + objectId);
        }
        else {
            output.putNull("link");
        }
        output.set("value", type.equals("JSONValue") ? object.map(o -> o.path("value")).filter(v -> !v.isMissingNode())
            .orElse(NODES.nullNode()) : NODES.nullNode());
        return output;
    }

    /** {@code POST /scripts/{id}/cancel}: cancels the script's active run; 404 when none is active. */
    SimulatorResponse cancelLatest(RouteMatch match, int idIndex) {
        String collection = match.prefix(idIndex);
        String idText = match.segments()[idIndex];
        Optional<StoredObject> job = isLong(idText) ? find(collection, Long.parseLong(idText)) : Optional.empty();
        if (job.isEmpty()) {
            return CivisErrors.notFound("No object " + idText + " in " + collection);
        }
        List<JobRuns.Run> jobRuns = runs.list(job.get().id());
        if (jobRuns.isEmpty() || !runs.cancel(jobRuns.get(0))) {
            return CivisErrors.notFound("Job " + idText + " has no active run to cancel.");
        }
        ObjectNode view = runs.view(jobRuns.get(0), false);
        ObjectNode answer = NODES.objectNode();
        answer.put("id", job.get().id());
        answer.set("state", view.get("state"));
        answer.put("isCancelRequested", true);
        return respond(match.route().operation(), answer);
    }

    private ObjectNode runView(CatalogOperation operation, JobRuns.Run run, long jobId, boolean justCreated) {
        String typeName = namedType(operation.responseType());
        ObjectNode view = (typeName != null) ? newObject(typeName) : NODES.objectNode();
        // The run type names its job's id after the job kind: sqlId, pythonId, containerId, …;
        // a type that names the run itself (ImportRun's runId) gets the run's id.
        if (view.has("runId")) {
            view.put("runId", run.id());
        }
        for (Map.Entry<String, JsonNode> field : new ArrayList<>(view.properties())) {
            String name = field.getKey();
            if (name.endsWith("Id") && !name.equals("id") && !name.equals("runId")
                    && (field.getValue().isNumber() || field.getValue().isNull())) {
                view.put(name, jobId);
                break;
            }
        }
        view.setAll(runs.view(run, justCreated));
        if (view.has("output") && view.get("output").isArray()) {
            // SQL runs also list their outputs inline, by file.
            ArrayNode inline = NODES.arrayNode();
            for (ObjectNode output : runs.outputs(run)) {
                if (output.path("objectType").asString("").equals("File")) {
                    ObjectNode entry = inline.addObject();
                    entry.put("outputName", output.path("name").asString(""));
                    entry.put("fileId", output.path("objectId").asLong());
                    entry.put("path", downloadUrl(output.path("objectId").asLong()));
                }
            }
            view.set("output", inline);
        }
        return view;
    }
}
