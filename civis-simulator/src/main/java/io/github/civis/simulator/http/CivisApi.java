package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.civis.catalog.CatalogOperation;
import io.github.civis.catalog.TypeRef;
import io.github.civis.simulator.http.RouteTable.RouteMatch;
import io.github.civis.simulator.state.JobRuns;
import io.github.civis.simulator.state.ObjectStore;
import io.github.civis.simulator.state.SampleFactory;
import io.github.civis.simulator.state.SimulatedUser;
import io.github.civis.simulator.state.StoredFiles;
import io.github.civis.simulator.state.StoredObject;
import io.github.civis.simulator.sql.CsvFormat;
import io.github.civis.simulator.sql.CsvImports;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.simulator.sql.SeededTable;
import io.github.civis.simulator.sql.SimulatedDatabases;
import io.github.civis.simulator.sql.SqlEngine;
import io.github.civis.simulator.sql.SqlParameters;
import io.github.civis.simulator.sql.TableTransfers;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The behaviour of the simulated API behind the routes: what each catalog operation does to
 * the state. The behaviour follows from the shape of the route, so every route of the catalog
 * is covered without a handler per operation:
 * <ul>
 * <li>{@code POST /x} creates in collection {@code /x} when {@code /x/{id}} exists;
 * {@code GET /x} lists it, paginated; {@code GET/PUT/PATCH/DELETE /x/{id}} act on one object;</li>
 * <li>{@code …/{id}/runs…} start, show, list and cancel runs, with logs and outputs;</li>
 * <li>{@code …/{id}/shares…}, {@code …/{id}/projects/{project_id}}, {@code …/{id}/archive} and
 * {@code …/{id}/clone} keep shares, project membership, archiving and copies;</li>
 * <li>{@code /users/me} answers for the caller, {@code POST /files} answers like a presigned
 * S3 POST;</li>
 * <li>any other route answers with a sample of its response type.</li>
 * </ul>
 * A script is also a job: {@code /jobs/{id}} and {@code /scripts/{id}} find objects of every
 * script, import, export and enhancement collection.
 */
public final class CivisApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Pattern JOB_COLLECTION = Pattern.compile("/(scripts(/[a-z][a-z0-9_-]*)?|imports(/[a-z][a-z0-9_-]*)*|exports(/[a-z][a-z0-9_-]*)*"
            + "|enhancements/[a-z][a-z0-9_-]*|jobs|files/preprocess/csv)");

    /** Preprocessing jobs: their ids are job ids, run through {@code /jobs/{id}/runs}. */
    private static final String PREPROCESS_COLLECTION = "/files/preprocess/csv";

    /** CSV export jobs, whose runs write their query's rows as the export options ask. */
    private static final String CSV_EXPORT_COLLECTION = "/exports/files/csv";

    private static final Pattern SCRIPT_COLLECTION = Pattern.compile("/scripts(/[a-z][a-z0-9_-]*)?");

    /** The content of the output file of every successful SQL run. */
    public static final byte[] SQL_RESULT = "result\nok\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final int LOG_PAGE_DEFAULT = 250;

    private static final int LOG_PAGE_MAX = 1000;

    /** How long a download URL is valid: the platform's default link expiry. */
    static final java.time.Duration DOWNLOAD_URL_LIFETIME = java.time.Duration.ofMinutes(30);

    /** Marker in a script's code that makes its runs fail. */
    public static final String FAILURE_MARKER = "FAIL";

    private final RouteTable routes;
    private final SampleFactory samples;
    private final ObjectStore store;
    private final JobRuns runs;
    private final StoredFiles files;
    private final Supplier<String> baseUrl;
    private final SimulatedDatabases databases;
    private final SqlEngine sql;
    private final CsvImports csvImports;
    private final TableTransfers transfers;
    /** Outputs decided when a run started, left when it is first seen succeeded; by run id. */
    private final Map<Long, ObjectNode> pendingOutputs = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param routes the compiled catalog routes
     * @param samples sample values of the catalog types
     * @param store the stored objects
     * @param runs the job runs
     * @param files the uploaded files
     * @param baseUrl the simulator's own base URL, ending with {@code /}, for upload and download links
     * @param databases the seeded databases and tables
     */
    public CivisApi(RouteTable routes, SampleFactory samples, ObjectStore store, JobRuns runs, StoredFiles files,
            Supplier<String> baseUrl, SimulatedDatabases databases) {
        this.routes = routes;
        this.samples = samples;
        this.store = store;
        this.runs = runs;
        this.files = files;
        this.baseUrl = baseUrl;
        this.databases = databases;
        this.sql = new SqlEngine(databases);
        this.csvImports = new CsvImports(databases, files::contentFile);
        this.transfers = new TableTransfers(databases);
    }

    /** The job runs behind the API, for the admin endpoints. */
    JobRuns jobRuns() {
        return runs;
    }

    /**
     * Serves a call.
     *
     * @param match the matched route
     * @param request the request
     * @param body the parsed JSON body (an empty object when none)
     * @param caller the user whose key made the call
     */
    public SimulatorResponse handle(RouteMatch match, SimulatorRequest request, ObjectNode body, SimulatedUser caller) {
        CatalogOperation operation = match.route().operation();
        String[] t = match.route().segments();
        int n = t.length;
        String verb = operation.verb();

        if (match.route().template().equals("/users/me")) {
            return me(operation, body, caller);
        }
        SimulatorResponse seededData = seededData(match, request, body, caller);
        if (seededData != null) {
            return seededData;
        }
        if (match.route().template().equals("/files/multipart") && verb.equals("POST")) {
            return startMultipart(match, body, caller);
        }
        if (match.route().template().equals("/files/multipart/{id}/complete") && verb.equals("POST")) {
            return completeMultipart(match);
        }
        int runs = indexOfRuns(t);
        if (runs > 0) {
            return runs(match, runs, request, body);
        }
        int shares = indexOf(t, "shares");
        if (shares > 0 && RouteTable.isPlaceholder(t[shares - 1]) && isStateful(match.templatePrefix(shares - 1))) {
            return shares(match, shares, body, caller);
        }
        if (n >= 3 && t[n - 2].equals("projects") && RouteTable.isPlaceholder(t[n - 1])
                && RouteTable.isPlaceholder(t[n - 3]) && isStateful(match.templatePrefix(n - 3))) {
            return projectMembership(match, n - 3);
        }
        if (n >= 2 && t[n - 1].equals("projects") && verb.equals("GET") && RouteTable.isPlaceholder(t[n - 2])
                && isStateful(match.templatePrefix(n - 2))) {
            return projectsOf(match, n - 2);
        }
        if (n >= 2 && t[n - 1].equals("cancel") && verb.equals("POST") && RouteTable.isPlaceholder(t[n - 2])
                && isStateful(match.templatePrefix(n - 2))) {
            return cancelLatest(match, n - 2);
        }
        if (n >= 2 && RouteTable.isPlaceholder(t[n - 2]) && isStateful(match.templatePrefix(n - 2))
                && (t[n - 1].equals("archive") && verb.equals("PUT") || t[n - 1].equals("clone") && verb.equals("POST"))) {
            return t[n - 1].equals("archive") ? archive(match, n - 2, body) : cloneObject(match, n - 2, caller);
        }
        if (n >= 1 && RouteTable.isPlaceholder(t[n - 1]) && isStateful(match.templatePrefix(n - 1))
                && !verb.equals("POST")) {
            // Ids are positive numbers: no object was ever made under "abc", "-1" or a 30-digit id.
            return isLong(match.segments()[n - 1]) ? item(match, n - 1, body)
                    : notFoundObject(match.prefix(n - 1), match.segments()[n - 1]);
        }
        if (isStateful(match.route().template()) && (verb.equals("POST") || verb.equals("GET"))) {
            return verb.equals("POST") ? create(match, request, body, caller) : list(match, request);
        }
        return sampleAnswer(match, request);
    }

    // --- collections and objects

    /** Whether a template names a collection the simulator keeps objects in. */
    private boolean isStateful(String template) {
        if (isAlias(template)) {
            return true;
        }
        return routes.has("POST", template) && (routes.hasItemRoute("GET", template)
                || routes.hasItemRoute("DELETE", template) || routes.hasItemRoute("PUT", template));
    }

    private static boolean isAlias(String collection) {
        return collection.equals("/jobs") || collection.equals("/scripts");
    }

    private static Predicate<String> collectionFilter(String collection) {
        if (collection.equals("/jobs")) {
            return c -> JOB_COLLECTION.matcher(c).matches();
        }
        if (collection.equals("/scripts")) {
            return c -> SCRIPT_COLLECTION.matcher(c).matches();
        }
        return collection::equals;
    }

    private Optional<StoredObject> find(String collection, long id) {
        return isAlias(collection) ? store.find(id, collectionFilter(collection)) : store.get(collection, id);
    }

    private SimulatorResponse create(RouteMatch match, SimulatorRequest request, ObjectNode body, SimulatedUser caller) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(match.segments().length);
        JsonNode templateId = body.get("fromTemplateId");
        if (collection.equals("/scripts/custom") && templateId != null && templateId.isIntegralNumber()
                && store.get("/templates/scripts", templateId.asLong()).isEmpty()) {
            return CivisErrors.notFound("No script template " + templateId.asLong() + ".");
        }
        long id = store.nextId();
        String typeName = namedType(operation.responseType());
        ObjectNode object = (typeName != null) ? newObject(typeName) : NODES.objectNode();
        String now = runs.now();
        if (object.has("name")) {
            object.put("name", typeName + " #" + id);
        }
        object.setAll(body);
        platformDefaults(collection, object, body);
        object.put("id", id);
        stamp(object, now, true);
        attribute(object, caller);
        if (body.path("expiresIn").isIntegralNumber() && object.has("expiresAt")) {
            object.put("expiresAt", JobRuns.format(files.now().plusSeconds(body.get("expiresIn").asLong())));
        }
        if (collection.equals("/files")) {
            presign(object, id);
            defaultExpiry(object, body);
            fileDefaults(object, caller);
        }
        store.add(collection, id, caller.id(), object);
        SimulatorResponse response = respond(operation, object);
        return response.withHeader("Location", baseUrl.get() + collection.substring(1) + "/" + id);
    }

    /**
     * A new object of a catalog type, without what its sample would claim with no meaning:
     * references to objects that do not exist (ids, project lists, a last run) and times of
     * events that have not happened. Fields the caller sends, and the stamps set afterwards,
     * fill it in.
     */
    private ObjectNode newObject(String typeName) {
        ObjectNode object = samples.sampleObject(typeName);
        for (String field : new ArrayList<>(object.propertyNames())) {
            JsonNode value = object.get(field);
            if (field.endsWith("Id") && value.isNumber() || field.equals("lastRun")
                    || value.isString() && (field.endsWith("At") || field.endsWith("On"))) {
                object.putNull(field);
            }
            else if (field.equals("projects") && value.isArray()) {
                object.putArray(field);
            }
        }
        return object;
    }

    /**
     * What the platform shows of a file that the {@code POST} answer does not carry: its
     * author, and no {@code detectedInfo} until a preprocessing job has read it.
     */
    private void fileDefaults(ObjectNode file, @Nullable SimulatedUser owner) {
        if (!file.has("detectedInfo")) {
            file.putNull("detectedInfo");
        }
        if (owner != null && !file.path("author").isObject()) {
            file.set("author", samples.sampleObject("CredentialUser"));
            attribute(file, owner);
        }
    }

    private SimulatorResponse list(RouteMatch match, SimulatorRequest request) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(match.segments().length);
        List<StoredObject> objects = store.list(collectionFilter(collection));
        List<JsonNode> bodies = new ArrayList<>();
        for (StoredObject object : objects) {
            ObjectNode view = view(object);
            if (ListFilters.matches(operation, object, view, request)) {
                bodies.add(view);
            }
        }
        if (!"asc".equalsIgnoreCase(request.queryValue("orderDir"))) {
            java.util.Collections.reverse(bodies);
        }
        return page(match, request, bodies);
    }

    private SimulatorResponse item(RouteMatch match, int idIndex, ObjectNode body) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(idIndex);
        long id = Long.parseLong(match.segments()[idIndex]);
        Optional<StoredObject> found = find(collection, id);
        if (found.isEmpty()) {
            return notFoundObject(collection, id);
        }
        StoredObject stored = found.get();
        switch (operation.verb()) {
            case "DELETE" -> {
                if (operation.responseType() == null) {
                    store.remove(stored);
                    return SimulatorResponse.empty(operation.responseStatus());
                }
                // A DELETE that answers with the object archives it, as the API does for queries.
                ObjectNode archived = stored.body().deepCopy();
                archived.put("archived", true);
                store.update(stored, archived);
                return respond(operation, view(stored));
            }
            case "PUT", "PATCH" -> {
                ObjectNode updated = stored.body().deepCopy();
                // The id, as in the API, is not changed by an update.
                body.remove("id");
                updated.setAll(body);
                stamp(updated, runs.now(), false);
                store.update(stored, updated);
                return respond(operation, view(stored));
            }
            default -> {
                return respond(operation, view(stored));
            }
        }
    }

    /** A stored object as the API shows it now: with its last run and live file links. */
    private ObjectNode view(StoredObject stored) {
        ObjectNode view = store.locked(() -> stored.body().deepCopy());
        if (stored.collection().equals("/files")) {
            JsonNode expiresAt = view.path("expiresAt");
            if (files.isExpired(expiresAt.isString() ? expiresAt.stringValue() : null)) {
                // An expired file's content is gone: the platform then gives no URL.
                view.putNull("fileUrl");
                view.putNull("downloadUrl");
            }
            else {
                String url = downloadUrl(stored.id());
                view.put("fileUrl", url);
                view.put("downloadUrl", url);
            }
            files.size(stored.id()).ifPresent(size -> view.put("fileSize", size));
        }
        List<JobRuns.Run> jobRuns = runs.list(stored.id());
        if (!jobRuns.isEmpty()) {
            ObjectNode last = runs.view(jobRuns.get(0), false);
            view.set("lastRun", last);
            view.put("state", last.get("state").stringValue());
            view.set("finishedAt", last.get("finishedAt"));
        }
        return view;
    }

    private SimulatorResponse archive(RouteMatch match, int idIndex, ObjectNode body) {
        String collection = match.prefix(idIndex);
        long id = Long.parseLong(match.segments()[idIndex]);
        Optional<StoredObject> found = find(collection, id);
        if (found.isEmpty()) {
            return notFoundObject(collection, id);
        }
        ObjectNode updated = found.get().body().deepCopy();
        JsonNode status = body.get("status");
        updated.put("archived", status == null || status.asBoolean());
        store.update(found.get(), updated);
        return respond(match.route().operation(), view(found.get()));
    }

    private SimulatorResponse cloneObject(RouteMatch match, int idIndex, SimulatedUser caller) {
        String collection = match.prefix(idIndex);
        long id = Long.parseLong(match.segments()[idIndex]);
        Optional<StoredObject> found = find(collection, id);
        if (found.isEmpty()) {
            return notFoundObject(collection, id);
        }
        long cloneId = store.nextId();
        ObjectNode copy = found.get().body().deepCopy();
        copy.put("id", cloneId);
        if (copy.has("name")) {
            copy.put("name", "Clone of " + copy.path("name").asString(""));
        }
        stamp(copy, runs.now(), true);
        attribute(copy, caller);
        store.add(found.get().collection(), cloneId, caller.id(), copy);
        return respond(match.route().operation(), copy);
    }

    // --- runs

    private static int indexOfRuns(String[] t) {
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

    private SimulatorResponse runs(RouteMatch match, int runsIndex, SimulatorRequest request, ObjectNode body) {
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
                String failure = job.map(this::startFailure).orElse(null);
                JobRuns.Run run = runs.start(jobId, templateId, failure);
                if (failure == null && job.isPresent() && job.get().collection().equals(PREPROCESS_COLLECTION)) {
                    pendingOutputs.put(run.id(), preprocess(job.get()));
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
            runs.addOutputOnce(run, () -> sqlOutput(ownerId, jobBody));
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
    private SimulatorResponse cancelLatest(RouteMatch match, int idIndex) {
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

    private static @Nullable String failure(ObjectNode job) {
        for (String field : List.of("sql", "source", "dockerCommand", "command")) {
            JsonNode code = job.get(field);
            if (code != null && code.isString() && code.stringValue().contains(FAILURE_MARKER)) {
                return "Simulated failure: the job's " + field + " contains " + FAILURE_MARKER;
            }
        }
        return null;
    }

    /**
     * The result file of a finished SQL run, stored like an uploaded file: the rows of a query
     * over a seeded table as its CSV settings ask, else a small fixed CSV.
     */
    private ObjectNode sqlOutput(long ownerId, ObjectNode job) {
        long fileId = store.nextId();
        String name = "output.csv";
        // A SQL script carries its query and csvSettings; a CSV export its source and options.
        boolean export = !job.has("sql");
        String query = export ? job.path("source").path("sql").asString("") : SqlParameters.expand(job);
        long databaseId = (export ? job.path("source") : job).path("remoteHostId").asLong(-1);
        JsonNode options = export ? exportSettings(job) : job.path("csvSettings");
        Optional<SqlEngine.Result> result = Optional.empty();
        try {
            result = sql.select(databaseId, query);
        }
        catch (SqlEngine.SqlException ex) {
            // Checked when the run started; a table dropped since then leaves the fixed result.
        }
        if (result.isPresent()) {
            CsvFormat.ExportSettings settings = CsvFormat.ExportSettings.from(options);
            if (options.path("forceMultifile").asBoolean(false)) {
                name = settings.fileName().replaceFirst("\\.csv(\\.gz|\\.zip)?$", "") + "_manifest.json";
                writeManifest(fileId, query, result.get(), settings, options.path("maxFileSize"), ownerId);
            }
            else {
                name = settings.fileName();
                storeCsv(fileId, result.get(), settings);
            }
        }
        else {
            files.store(fileId, SQL_RESULT);
        }
        // Result files of SQL runs are kept for 36 hours on the platform.
        addOutputFile(fileId, name, ownerId, java.time.Duration.ofHours(36));
        ObjectNode output = NODES.objectNode();
        output.put("objectType", "File");
        output.put("objectId", fileId);
        output.put("name", name);
        output.put("link", baseUrl.get() + "files/" + fileId);
        output.putNull("value");
        return output;
    }

    /** A CSV export's options in the shape of a SQL script's {@code csvSettings}. */
    private static ObjectNode exportSettings(ObjectNode export) {
        ObjectNode settings = NODES.objectNode();
        for (String field : List.of("includeHeader", "compression", "columnDelimiter", "forceMultifile", "maxFileSize")) {
            if (export.has(field)) {
                settings.set(field, export.get(field));
            }
        }
        JsonNode prefix = export.path("destination").path("filenamePrefix");
        if (prefix.isString()) {
            settings.set("filenamePrefix", prefix);
        }
        return settings;
    }

    /**
     * Writes a multifile export as the platform does: the rows, without a header, in parts of
     * at most {@code maxFileSize} MB (one part when not given), each a stored file, and as the
     * run's file the manifest that lists them: {@code query}, {@code header}, {@code entries}
     * ({@code id}, {@code name}, {@code size}, {@code url}, {@code url_signed}) and the
     * {@code unquoted}, {@code compression} and {@code delimiter} the parts were written with.
     */
    private void writeManifest(long manifestId, String query, SqlEngine.Result result, CsvFormat.ExportSettings settings,
            JsonNode maxFileSize, long ownerId) {
        long limit = maxFileSize.isNumber() && maxFileSize.asLong() > 0 ? maxFileSize.asLong() * 1024 * 1024 : Long.MAX_VALUE;
        String extension = settings.fileName().substring(settings.fileName().indexOf(".csv"));
        String prefix = settings.fileName().substring(0, settings.fileName().indexOf(".csv"));
        ObjectNode manifest = NODES.objectNode();
        manifest.put("query", query);
        ArrayNode header = manifest.putArray("header");
        result.columns().forEach(header::add);
        ArrayNode entries = manifest.putArray("entries");
        List<List<@Nullable String>> part = new ArrayList<>();
        long partSize = 0;
        java.util.Iterator<List<@Nullable String>> rows = result.rows().iterator();
        while (rows.hasNext() || !part.isEmpty() || entries.isEmpty()) {
            if (rows.hasNext() && partSize < limit) {
                List<@Nullable String> row = rows.next();
                part.add(row);
                partSize += row.stream().mapToLong(cell -> (cell != null) ? cell.length() + 1 : 1).sum();
                continue;
            }
            long partId = store.nextId();
            String name = prefix + String.format(java.util.Locale.ROOT, "_%04d_part_00", entries.size()) + extension;
            CsvFormat.ExportSettings partSettings = new CsvFormat.ExportSettings(false, settings.delimiter(),
                    settings.compression(), settings.unquoted(), name);
            storeCsv(partId, new SqlEngine.Result(result.columns(), List.copyOf(part)), partSettings);
            addOutputFile(partId, name, ownerId, java.time.Duration.ofHours(36));
            ObjectNode entry = entries.addObject();
            entry.put("id", partId);
            entry.put("name", name);
            entry.put("size", files.size(partId).orElse(0L));
            entry.put("url", "s3://civis-simulator/files/" + partId + "/" + name);
            entry.put("url_signed", downloadUrl(partId));
            part.clear();
            partSize = 0;
        }
        manifest.put("unquoted", settings.unquoted());
        manifest.put("compression", settings.compression());
        manifest.put("delimiter", String.valueOf(settings.delimiter()));
        files.store(manifestId, manifest.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Stores the file object of a file a run wrote (its content stored already): created now
     * on the simulator's clock, expiring after {@code lifetime}, its author the job's owner.
     */
    private ObjectNode addOutputFile(long fileId, String name, long ownerId, java.time.Duration lifetime) {
        ObjectNode file = newObject("File");
        file.put("id", fileId);
        file.put("name", name);
        file.put("createdAt", runs.now());
        file.put("expiresAt", JobRuns.format(files.now().plus(lifetime)));
        fileDefaults(file, userOf(ownerId));
        store.add("/files", fileId, ownerId, file);
        return file;
    }

    private @Nullable SimulatedUser userOf(long userId) {
        return store.find(userId, "/users"::equals)
            .map(user -> new SimulatedUser(userId, user.body().path("username").asString("user" + userId)))
            .orElse(null);
    }

    // --- seeded databases and tables, SQL over them, CSV imports (state in the sql package)

    /** Adds what a seed holds: databases, tables, credentials, storage hosts. */
    public void seed(Seed seed) {
        SimulatedUser owner = firstUser();
        for (String name : seed.databases()) {
            boolean first = databases.databases().isEmpty();
            SimulatedDatabases.Database database = databases.addDatabase(name);
            if (owner != null && store.list("/credentials"::equals).stream()
                .noneMatch(c -> c.body().path("remoteHostId").asLong() == database.id())) {
                ObjectNode credential = newObject("Credential");
                credential.put("name", owner.username() + " on " + database.name());
                credential.put("type", "Database");
                credential.put("username", owner.username());
                credential.put("remoteHostId", database.id());
                credential.put("remoteHostName", database.name());
                credential.put("default", first);
                addOwned("/credentials", credential, owner);
            }
        }
        for (Seed.TableSeed table : seed.tables()) {
            long databaseId = databases.addDatabase(table.database()).id();
            databases.putTable(databaseId, table.schema(), table.name(), table.columns(), table.rows());
        }
        for (String host : seed.storageHosts()) {
            ObjectNode storageHost = newObject("StorageHost");
            storageHost.put("name", host);
            storageHost.put("provider", "s3");
            storageHost.put("bucket", host);
            addOwned("/storage_hosts", storageHost, owner);
        }
        for (Seed.CredentialSeed seeded : seed.credentials()) {
            ObjectNode credential = newObject("Credential");
            credential.put("name", seeded.name());
            credential.put("type", seeded.type());
            credential.put("default", false);
            credential.putNull("remoteHostId");
            addOwned("/credentials", credential, owner);
        }
    }

    /**
     * Gives the options of jobs the simulator carries out (SQL scripts, CSV imports) the
     * platform's defaults where the caller sent none, instead of sample values.
     */
    private static void platformDefaults(String collection, ObjectNode object, ObjectNode sent) {
        if (collection.equals("/scripts/sql")) {
            ObjectNode settings = NODES.objectNode();
            settings.put("includeHeader", true);
            settings.put("compression", "gzip");
            settings.put("columnDelimiter", "comma");
            settings.put("unquoted", false);
            settings.put("forceMultifile", false);
            settings.putNull("filenamePrefix");
            settings.putNull("maxFileSize");
            if (sent.path("csvSettings").isObject()) {
                settings.setAll((ObjectNode) sent.get("csvSettings"));
            }
            object.set("csvSettings", settings);
        }
        if (collection.equals(CSV_EXPORT_COLLECTION)) {
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            defaults.put("includeHeader", NODES.booleanNode(true));
            defaults.put("compression", NODES.stringNode("gzip"));
            defaults.put("columnDelimiter", NODES.stringNode("comma"));
            defaults.put("hidden", NODES.booleanNode(false));
            defaults.put("forceMultifile", NODES.booleanNode(false));
            defaults.put("maxFileSize", NODES.nullNode());
            defaults.forEach((field, value) -> {
                if (!sent.has(field)) {
                    object.set(field, value);
                }
            });
        }
        if (collection.equals(PREPROCESS_COLLECTION)) {
            // As the platform answers: detection fields stay null until a run has detected them.
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            defaults.put("inPlace", NODES.booleanNode(true));
            defaults.put("detectTableColumns", NODES.booleanNode(false));
            defaults.put("forceCharacterSetConversion", NODES.booleanNode(false));
            defaults.put("includeHeader", NODES.nullNode());
            defaults.put("columnDelimiter", NODES.nullNode());
            defaults.put("hidden", NODES.booleanNode(false));
            defaults.forEach((field, value) -> {
                if (!sent.has(field)) {
                    object.set(field, value);
                }
            });
        }
        if (collection.equals("/imports/files/csv")) {
            Map<String, JsonNode> defaults = new LinkedHashMap<>();
            defaults.put("columnDelimiter", NODES.stringNode("comma"));
            defaults.put("escaped", NODES.booleanNode(false));
            defaults.put("compression", NODES.stringNode("none"));
            defaults.put("existingTableRows", NODES.stringNode("fail"));
            defaults.put("maxErrors", NODES.nullNode());
            defaults.put("tableColumns", NODES.arrayNode());
            defaults.put("loosenTypes", NODES.booleanNode(false));
            defaults.put("execution", NODES.stringNode("delayed"));
            defaults.forEach((field, value) -> {
                if (!sent.has(field)) {
                    object.set(field, value);
                }
            });
        }
    }

    private @Nullable SimulatedUser firstUser() {
        List<StoredObject> users = store.list("/users"::equals);
        if (users.isEmpty()) {
            return null;
        }
        JsonNode user = users.get(0).body();
        return new SimulatedUser(users.get(0).id(), user.path("username").asString("simulator"));
    }

    private void addOwned(String collection, ObjectNode body, @Nullable SimulatedUser owner) {
        long id = store.nextId();
        body.put("id", id);
        stamp(body, runs.now(), true);
        if (owner != null) {
            attribute(body, owner);
        }
        store.add(collection, id, (owner != null) ? owner.id() : 0, body);
    }

    /** Answers the routes over seeded databases and tables; {@code null} for any other route. */
    private @Nullable SimulatorResponse seededData(RouteMatch match, SimulatorRequest request, ObjectNode body,
            SimulatedUser caller) {
        String template = match.route().template();
        String verb = match.route().operation().verb();
        CatalogOperation operation = match.route().operation();
        String id = match.pathValues().get("id");
        switch (verb + " " + template) {
            case "GET /databases" -> {
                List<JsonNode> all = new ArrayList<>();
                databases.databases().forEach(d -> all.add(databaseView(d)));
                return page(match, request, all);
            }
            case "GET /databases/{id}" -> {
                return databaseOf(id).map(d -> respond(operation, databaseView(d)))
                    .orElseGet(() -> CivisErrors.notFound("No database " + id + "."));
            }
            case "GET /databases/{id}/tables", "GET /databases/{id}/tables-search" -> {
                Optional<SimulatedDatabases.Database> database = databaseOf(id);
                if (database.isEmpty()) {
                    return CivisErrors.notFound("No database " + id + ".");
                }
                String name = request.queryValue("name");
                List<JsonNode> all = new ArrayList<>();
                databases.tables(database.get().id()).stream()
                    .filter(t -> name == null || nameMatches(t.name(), name) || nameMatches(t.qualifiedName(), name))
                    .forEach(t -> all.add(tableView(t, false)));
                return page(match, request, all);
            }
            case "GET /databases/{id}/schemas" -> {
                Optional<SimulatedDatabases.Database> database = databaseOf(id);
                if (database.isEmpty()) {
                    return CivisErrors.notFound("No database " + id + ".");
                }
                ArrayNode schemas = NODES.arrayNode();
                databases.tables(database.get().id()).stream().map(SeededTable::schema).distinct()
                    .forEach(schema -> schemas.addObject().put("schema", schema));
                return respond(operation, schemas);
            }
            case "GET /tables" -> {
                String databaseId = request.queryValue("databaseId");
                String schema = request.queryValue("schema");
                String name = request.queryValue("name");
                List<JsonNode> all = new ArrayList<>();
                for (SeededTable table : databases.tables(null)) {
                    if ((databaseId == null || String.valueOf(table.databaseId()).equals(databaseId))
                            && (schema == null || nameMatches(table.schema(), schema))
                            && (name == null || nameMatches(table.name(), name))) {
                        all.add(tableView(table, false));
                    }
                }
                return page(match, request, all);
            }
            case "GET /tables/{id}" -> {
                return tableOf(id).map(t -> respond(operation, tableView(t, true)))
                    .orElseGet(() -> notFoundTable(id));
            }
            case "GET /tables/{id}/columns" -> {
                Optional<SeededTable> table = tableOf(id);
                if (table.isEmpty()) {
                    return notFoundTable(id);
                }
                List<JsonNode> all = new ArrayList<>();
                tableView(table.get(), true).path("columns").forEach(all::add);
                return page(match, request, all);
            }
            case "POST /tables/{id}/refresh" -> {
                Optional<SeededTable> table = tableOf(id);
                if (table.isEmpty()) {
                    return notFoundTable(id);
                }
                runs.start(table.get().id(), null);
                return respond(operation, tableView(table.get(), true));
            }
            case "GET /remote_hosts" -> {
                ArrayNode hosts = NODES.arrayNode();
                for (SimulatedDatabases.Database database : databases.databases()) {
                    ObjectNode host = hosts.addObject();
                    host.put("id", database.id());
                    host.put("name", database.name());
                    host.put("type", "RemoteHostTypes::Redshift");
                    host.put("url", "jdbc:redshift://" + database.name() + ".simulator.invalid:5439/dev");
                }
                return respond(operation, hosts);
            }
            case "POST /queries" -> {
                return query(match, body, caller);
            }
            case "POST /imports/{id}/syncs" -> {
                return addSync(match, id, body);
            }
            default -> {
                return null;
            }
        }
    }

    private Optional<SimulatedDatabases.Database> databaseOf(@Nullable String id) {
        return (id != null && isLong(id)) ? databases.database(Long.parseLong(id)) : Optional.empty();
    }

    private Optional<SeededTable> tableOf(@Nullable String id) {
        return (id != null && isLong(id)) ? databases.table(Long.parseLong(id)) : Optional.empty();
    }

    private static SimulatorResponse notFoundTable(@Nullable String id) {
        return CivisErrors.notFound("The requested resource could not be found: no table " + id + ".");
    }

    /** The platform's name filter: case-insensitive, with {@code %} and {@code *} as wildcards. */
    private static boolean nameMatches(String actual, String filter) {
        return NameWildcards.matches(actual, filter);
    }

    private static ObjectNode databaseView(SimulatedDatabases.Database database) {
        ObjectNode node = NODES.objectNode();
        node.put("id", database.id());
        node.put("name", database.name());
        node.put("adapter", database.adapter());
        return node;
    }

    private ObjectNode tableView(SeededTable table, boolean withColumns) {
        ObjectNode node = NODES.objectNode();
        node.put("id", table.id());
        node.put("databaseId", table.databaseId());
        node.put("schema", table.schema());
        node.put("name", table.name());
        node.put("isView", false);
        node.put("rowCount", table.rows().size());
        node.put("columnCount", table.columns().size());
        node.put("owner", "dbadmin");
        List<JobRuns.Run> refreshes = runs.list(table.id());
        if (refreshes.isEmpty()) {
            node.put("refreshStatus", "current");
            node.putNull("lastRun");
        }
        else {
            ObjectNode last = runs.view(refreshes.get(0), false);
            node.put("refreshStatus", JobRuns.isFinal(last.path("state").asString("")) ? "current" : "refreshing");
            node.set("lastRun", last);
            node.set("lastRefresh", last.get("finishedAt"));
        }
        if (withColumns) {
            ArrayNode columns = node.putArray("columns");
            int order = 1;
            for (SeededTable.Column column : table.columns()) {
                ObjectNode entry = columns.addObject();
                entry.put("name", column.name());
                entry.put("sqlType", column.sqlType());
                entry.put("order", order++);
            }
        }
        return node;
    }

    /** {@code POST /queries}: runs the SQL at once, keeping up to {@code previewRows} rows as the preview. */
    private SimulatorResponse query(RouteMatch match, ObjectNode body, SimulatedUser caller) {
        CatalogOperation operation = match.route().operation();
        long id = store.nextId();
        String typeName = namedType(operation.responseType());
        ObjectNode query = (typeName != null) ? newObject(typeName) : NODES.objectNode();
        query.setAll(body);
        query.put("id", id);
        stamp(query, runs.now(), true);
        query.putNull("scriptId");
        query.put("hidden", body.path("hidden").asBoolean(false));
        ArrayNode columns = query.putArray("resultColumns");
        ArrayNode rows = query.putArray("resultRows");
        int previewRows = Math.max(0, Math.min(100, body.path("previewRows").asInt(100)));
        String failure = failure(body);
        if (failure == null) {
            try {
                Optional<SqlEngine.Result> result = sql.select(body.path("database").asLong(-1), body.path("sql").asString(""),
                        previewRows);
                if (result.isPresent()) {
                    result.get().columns().forEach(columns::add);
                    int taken = 0;
                    for (List<@Nullable String> row : result.get().rows()) {
                        if (taken++ >= previewRows) {
                            break;
                        }
                        ArrayNode cells = rows.addArray();
                        row.forEach(cell -> {
                            if (cell == null) {
                                cells.addNull();
                            }
                            else {
                                cells.add(cell);
                            }
                        });
                    }
                }
            }
            catch (SqlEngine.SqlException ex) {
                failure = ex.platformMessage();
            }
        }
        JobRuns.Run run = runs.start(id, failure);
        query.put("lastRunId", run.id());
        if (failure != null) {
            query.put("error", failure);
        }
        else {
            query.putNull("error");
        }
        StoredObject stored = store.add(match.prefix(match.segments().length), id, caller.id(), query);
        return respond(operation, view(stored));
    }

    /** {@code POST /imports/{id}/syncs}: adds a sync to the import's {@code syncs}, which its runs carry out. */
    private SimulatorResponse addSync(RouteMatch match, @Nullable String id, ObjectNode body) {
        Optional<StoredObject> job = (id != null && isLong(id))
                ? store.find(Long.parseLong(id), c -> c.startsWith("/imports") && !c.equals("/imports/syncs"))
                : Optional.empty();
        if (job.isEmpty()) {
            return CivisErrors.notFound("No import " + id + ".");
        }
        ObjectNode sync = body.deepCopy();
        long syncId = store.nextId();
        sync.put("id", syncId);
        String syncs = "/imports/syncs";
        store.add(syncs, syncId, job.get().ownerId(), sync);
        store.locked(() -> {
            // The import's own syncs only: a new import's answer is filled with a sample sync.
            ArrayNode list = NODES.arrayNode();
            job.get().body().path("syncs").forEach(existing -> {
                if (store.get(syncs, existing.path("id").asLong(-1)).isPresent()) {
                    list.add(existing);
                }
            });
            list.add(sync);
            job.get().body().set("syncs", list);
            return null;
        });
        return respond(match.route().operation(), sync.deepCopy());
    }

    /**
     * Why a new run of a job fails, or {@code null}: the failure marker, a query over a table or
     * database that does not exist, or an import that cannot be done (a successful import
     * changes its table when the run starts).
     */
    private @Nullable String startFailure(StoredObject job) {
        String failure = failure(job.body());
        if (failure != null) {
            return failure;
        }
        if (job.body().has("sql")) {
            try {
                sql.select(job.body().path("remoteHostId").asLong(-1), SqlParameters.expand(job.body()));
            }
            catch (SqlEngine.SqlException ex) {
                return ex.platformMessage();
            }
        }
        if (TableTransfers.isDbsync(job.body())) {
            try {
                transfers.run(store.locked(() -> job.body().deepCopy()));
            }
            catch (CsvImports.ImportException ex) {
                return ex.getMessage();
            }
        }
        if (job.collection().equals("/imports/files/csv")) {
            try {
                csvImports.run(job.body());
            }
            catch (CsvImports.ImportException ex) {
                return ex.getMessage();
            }
        }
        if (job.collection().equals(CSV_EXPORT_COLLECTION)) {
            try {
                sql.select(job.body().path("source").path("remoteHostId").asLong(-1),
                        job.body().path("source").path("sql").asString(""));
            }
            catch (SqlEngine.SqlException ex) {
                return ex.platformMessage();
            }
        }
        if (job.collection().equals(PREPROCESS_COLLECTION)) {
            try {
                detect(store.locked(() -> job.body().deepCopy()));
            }
            catch (CsvImports.ImportException ex) {
                return ex.getMessage();
            }
        }
        return null;
    }

    /** What a preprocessing job detects in its file, with the delimiter and header it was told, if any. */
    private io.github.civis.simulator.sql.CsvDetection detect(ObjectNode job) {
        long fileId = job.path("fileId").asLong(-1);
        byte[] bytes = files.content(fileId)
            .orElseThrow(() -> new CsvImports.ImportException("File " + fileId + " has no content to preprocess"));
        JsonNode delimiter = job.path("columnDelimiter");
        JsonNode header = job.path("includeHeader");
        return io.github.civis.simulator.sql.CsvDetection.detect(bytes,
                delimiter.isString() ? delimiter.stringValue() : null,
                header.isBoolean() ? header.asBoolean() : null);
    }

    /**
     * Carries out a preprocessing job when its run starts: detects the file's layout, writes it
     * to the job (its {@code includeHeader} and {@code columnDelimiter} when not given) and to
     * the {@code detectedInfo} of the file it leaves (the same file in place, else a copy), and
     * returns the output that names that file.
     */
    private ObjectNode preprocess(StoredObject job) {
        ObjectNode body = store.locked(() -> job.body().deepCopy());
        io.github.civis.simulator.sql.CsvDetection detected = detect(body);
        long fileId = body.path("fileId").asLong(-1);
        String name = store.get("/files", fileId).map(f -> f.body().path("name").asString("file-" + fileId))
            .orElse("file-" + fileId);
        long targetId = fileId;
        if (!body.path("inPlace").asBoolean(true)) {
            targetId = store.nextId();
            files.store(targetId, files.content(fileId).orElseThrow());
            addOutputFile(targetId, name, job.ownerId(), java.time.Duration.ofDays(30));
        }
        ObjectNode info = NODES.objectNode();
        info.put("includeHeader", detected.includeHeader());
        info.put("columnDelimiter", detected.columnDelimiter());
        info.put("compression", detected.compression());
        ArrayNode columns = info.putArray("tableColumns");
        if (body.path("detectTableColumns").asBoolean(false)) {
            detected.columns().forEach(column -> columns.addObject().put("name", column.name())
                .put("sqlType", column.sqlType()));
        }
        store.get("/files", targetId).ifPresent(file -> {
            ObjectNode updated = store.locked(() -> file.body().deepCopy());
            updated.set("detectedInfo", info);
            store.update(file, updated);
        });
        if (!body.path("includeHeader").isBoolean()) {
            body.put("includeHeader", detected.includeHeader());
        }
        if (!body.path("columnDelimiter").isString()) {
            body.put("columnDelimiter", detected.columnDelimiter());
        }
        store.update(job, body);
        ObjectNode output = NODES.objectNode();
        output.put("objectType", "File");
        output.put("objectId", targetId);
        output.put("name", name);
        output.put("link", baseUrl.get() + "files/" + targetId);
        output.putNull("value");
        return output;
    }

    /** Writes a query result as a stored file's CSV, streamed to disk: where SQL output is written. */
    private void storeCsv(long fileId, SqlEngine.Result result, CsvFormat.ExportSettings settings) {
        java.nio.file.Path temporary = files.newTemporary();
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(temporary),
                64 * 1024)) {
            CsvFormat.write(out, result.columns(), result.rows(), settings);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        files.store(fileId, temporary);
    }

    // --- shares and projects

    private SimulatorResponse shares(RouteMatch match, int sharesIndex, ObjectNode body, SimulatedUser caller) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(sharesIndex - 1);
        String idText = match.segments()[sharesIndex - 1];
        Optional<StoredObject> found = isLong(idText) ? find(collection, Long.parseLong(idText)) : Optional.empty();
        if (found.isEmpty()) {
            return CivisErrors.notFound("No object " + idText + " in " + collection);
        }
        StoredObject object = found.get();
        String[] s = match.segments();
        int rest = s.length - sharesIndex - 1;
        if (rest == 0) {
            return respond(operation, NODES.arrayNode().add(shareView(object)));
        }
        boolean users = s[sharesIndex + 1].equals("users");
        Map<Long, String> shares = users ? object.userShares() : object.groupShares();
        if (rest == 1 && operation.verb().equals("PUT")) {
            String level = body.path("permissionLevel").asString("read");
            JsonNode ids = body.path(users ? "userIds" : "groupIds");
            store.locked(() -> {
                ids.forEach(id -> shares.put(id.asLong(), level));
                return null;
            });
            return respond(operation, shareView(object));
        }
        if (rest == 2 && operation.verb().equals("DELETE") && isLong(s[sharesIndex + 2])) {
            long id = Long.parseLong(s[sharesIndex + 2]);
            boolean removed = store.locked(() -> shares.remove(id) != null);
            return removed ? SimulatorResponse.empty(operation.responseStatus())
                    : CivisErrors.notFound("Object " + object.id() + " is not shared with " + (users ? "user " : "group ") + id);
        }
        return sampleAnswer(match, null);
    }

    private JsonNode shareView(StoredObject object) {
        ObjectNode share = NODES.objectNode();
        Map<String, String> levels = Map.of("read", "readers", "write", "writers", "manage", "owners");
        for (String role : List.of("readers", "writers", "owners")) {
            ObjectNode entry = share.putObject(role);
            entry.putArray("users");
            entry.putArray("groups");
        }
        store.locked(() -> {
            ownerEntry(share, object.ownerId());
            object.userShares().forEach((id, level) -> {
                ObjectNode user = ((ArrayNode) share.path(levels.getOrDefault(level, "readers")).get("users")).addObject();
                user.put("id", id);
                user.put("name", userName(id));
            });
            object.groupShares().forEach((id, level) -> {
                ObjectNode group = ((ArrayNode) share.path(levels.getOrDefault(level, "readers")).get("groups")).addObject();
                group.put("id", id);
                group.put("name", "Group " + id);
            });
            share.put("totalUserShares", object.userShares().size() + 1);
            share.put("totalGroupShares", object.groupShares().size());
            return null;
        });
        return samples.shape("Share", share);
    }

    private void ownerEntry(ObjectNode share, long ownerId) {
        ObjectNode owner = ((ArrayNode) share.path("owners").get("users")).addObject();
        owner.put("id", ownerId);
        owner.put("name", userName(ownerId));
    }

    private String userName(long id) {
        return store.find(id, "/users"::equals).map(u -> u.body().path("name").asString("User " + id))
            .orElse("User " + id);
    }

    private SimulatorResponse projectMembership(RouteMatch match, int idIndex) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(idIndex);
        String idText = match.segments()[idIndex];
        String projectText = match.segments()[match.segments().length - 1];
        Optional<StoredObject> found = isLong(idText) ? find(collection, Long.parseLong(idText)) : Optional.empty();
        if (found.isEmpty() || !isLong(projectText)) {
            return CivisErrors.notFound("No object " + idText + " in " + collection);
        }
        long projectId = Long.parseLong(projectText);
        boolean changed = store.locked(() -> operation.verb().equals("DELETE") ? found.get().projects().remove(projectId)
                : found.get().projects().add(projectId) || true);
        return changed ? SimulatorResponse.empty(operation.responseStatus())
                : CivisErrors.notFound("Object " + idText + " is not in project " + projectId);
    }

    private SimulatorResponse projectsOf(RouteMatch match, int idIndex) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(idIndex);
        String idText = match.segments()[idIndex];
        Optional<StoredObject> found = isLong(idText) ? find(collection, Long.parseLong(idText)) : Optional.empty();
        if (found.isEmpty()) {
            return CivisErrors.notFound("No object " + idText + " in " + collection);
        }
        ArrayNode projects = NODES.arrayNode();
        List<Long> ids = store.locked(() -> List.copyOf(found.get().projects()));
        for (long projectId : ids) {
            ObjectNode project = store.get("/projects", projectId).map(p -> p.body().deepCopy())
                .orElseGet(NODES::objectNode);
            project.put("id", projectId);
            if (!project.has("name")) {
                project.put("name", "Project #" + projectId);
            }
            projects.add(project);
        }
        return respond(operation, projects);
    }

    // --- users and files

    private SimulatorResponse me(CatalogOperation operation, ObjectNode body, SimulatedUser caller) {
        StoredObject user = store.find(caller.id(), "/users"::equals)
            .orElseThrow(() -> new IllegalStateException("No stored user " + caller.id()));
        if (operation.verb().equals("PATCH")) {
            ObjectNode updated = user.body().deepCopy();
            body.remove("id");
            updated.setAll(body);
            store.update(user, updated);
        }
        return respond(operation, store.locked(() -> user.body().deepCopy()));
    }

    /** Makes the body of a new user, stored under {@code /users}. */
    public void addUser(SimulatedUser user) {
        ObjectNode body = samples.sampleObject("UserMe");
        body.put("id", user.id());
        body.put("name", user.name());
        body.put("username", user.username());
        body.put("email", user.username() + "@example.com");
        body.put("initials", user.initials());
        body.put("createdAt", runs.now());
        body.put("active", true);
        store.add("/users", user.id(), user.id(), body);
    }

    private void presign(ObjectNode file, long id) {
        String token = files.uploadToken(id);
        String name = file.path("name").asString("file-" + id);
        file.put("uploadUrl", baseUrl.get() + "upload/" + token);
        ObjectNode fields = file.putObject("uploadFields");
        fields.put("key", "files/" + id + "/" + name);
        fields.put("policy", java.util.Base64.getEncoder().encodeToString(("{\"file\":" + id + "}").getBytes()));
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", "SIMULATOR/20260101/us-east-1/s3/aws4_request");
        fields.put("x-amz-date", "20260101T000000Z");
        fields.put("x-amz-signature", token);
        file.put("fileSize", 0);
    }

    /** Files expire 30 days after upload unless the call says when (or {@code null}: never). */
    private void defaultExpiry(ObjectNode file, ObjectNode body) {
        if (!body.has("expiresAt") && !body.has("expires_at")) {
            file.put("expiresAt", JobRuns.format(files.now().plus(java.time.Duration.ofDays(30))));
        }
        else if (body.has("expires_at")) {
            file.set("expiresAt", body.get("expires_at"));
            file.remove("expires_at");
        }
    }

    /** A presigned download URL, valid for 30 minutes as the platform's default. */
    private String downloadUrl(long fileId) {
        return baseUrl.get() + "download/" + files.downloadToken(fileId, files.now().plus(DOWNLOAD_URL_LIFETIME));
    }

    private SimulatorResponse startMultipart(RouteMatch match, ObjectNode body, SimulatedUser caller) {
        CatalogOperation operation = match.route().operation();
        int parts = body.path("numParts").asInt(1);
        if (parts < 1 || parts > 10_000) {
            return CivisErrors.error(400, "numParts must be from 1 to 10000, was " + parts + ".");
        }
        long id = store.nextId();
        ObjectNode file = newObject("File");
        file.put("name", "File #" + id);
        file.setAll(body);
        file.put("id", id);
        file.put("createdAt", runs.now());
        fileDefaults(file, caller);
        String token = files.uploadToken(id);
        ArrayNode urls = file.putArray("uploadUrls");
        for (int part = 1; part <= parts; part++) {
            urls.add(baseUrl.get() + "upload/" + token + "/parts/" + part);
        }
        defaultExpiry(file, body);
        store.add("/files", id, caller.id(), file);
        files.expectParts(id, parts);
        return respond(operation, file);
    }

    private SimulatorResponse completeMultipart(RouteMatch match) {
        String idText = match.pathValues().get("id");
        if (idText == null || !isLong(idText) || store.get("/files", Long.parseLong(idText)).isEmpty()) {
            return CivisErrors.notFound("No multipart upload " + idText + ".");
        }
        String problem = files.completeParts(Long.parseLong(idText));
        if (problem != null) {
            return CivisErrors.error(400, problem);
        }
        return SimulatorResponse.empty(match.route().operation().responseStatus());
    }

    /** Stores one part of a multipart upload, streamed to a temporary file of the storage. */
    boolean storePart(String token, int partNumber, java.nio.file.Path uploaded) {
        Optional<Long> fileId = files.fileForUpload(token);
        fileId.ifPresent(id -> files.storePart(id, partNumber, uploaded));
        return fileId.isPresent();
    }

    /** The file an upload token belongs to, with the S3 key the upload must carry. */
    Optional<UploadTarget> uploadTarget(String token) {
        return files.fileForUpload(token)
            .flatMap(id -> store.get("/files", id))
            .map(file -> new UploadTarget(file.id(), file.body().path("uploadFields").path("key").asString("")));
    }

    /** Stores an uploaded file, streamed to a temporary file of the storage. */
    void storeUpload(long fileId, java.nio.file.Path uploaded) {
        files.store(fileId, uploaded);
    }

    /** Where the content behind a download token is. */
    Optional<java.nio.file.Path> download(String token) {
        return files.fileForDownload(token).flatMap(files::contentFile);
    }

    /** The file storage. */
    StoredFiles storage() {
        return files;
    }

    /**
     * A presigned upload's target.
     *
     * @param fileId the file's id
     * @param key the S3 key the form must carry
     */
    record UploadTarget(long fileId, String key) {
    }

    // --- shaping and paging

    private SimulatorResponse sampleAnswer(RouteMatch match, @Nullable SimulatorRequest request) {
        CatalogOperation operation = match.route().operation();
        if (operation.responseType() == null) {
            return SimulatorResponse.empty(operation.responseStatus());
        }
        JsonNode sample = samples.sample(operation.responseType());
        String id = match.pathValues().get("id");
        if (sample.isObject() && sample.has("id") && id != null && isLong(id)) {
            ((ObjectNode) sample).put("id", Long.parseLong(id));
        }
        if (operation.paginated() && sample.isArray() && request != null) {
            List<JsonNode> all = new ArrayList<>();
            sample.forEach(all::add);
            return page(match, request, all);
        }
        return SimulatorResponse.json(operation.responseStatus(), sample);
    }

    private SimulatorResponse respond(CatalogOperation operation, JsonNode value) {
        if (operation.responseType() == null) {
            return SimulatorResponse.empty(operation.responseStatus());
        }
        return SimulatorResponse.json(operation.responseStatus(), samples.shape(operation.responseType(), value));
    }

    private SimulatorResponse page(RouteMatch match, SimulatorRequest request, List<JsonNode> all) {
        CatalogOperation operation = match.route().operation();
        String elementType = operation.responseType();
        if (elementType != null && TypeRef.parse(elementType).isList()) {
            elementType = TypeRef.parse(elementType).name();
        }
        List<JsonNode> selected = all;
        int perPage = 0;
        int page = 1;
        if (operation.paginated()) {
            perPage = clamp(parseInt(request.queryValue("limit"), match.route().defaultLimit()), 1,
                    match.route().maxLimit());
            page = Math.max(1, parseInt(request.queryValue("pageNum"), 1));
            // Past the last page the answer is an empty page, as the API gives (long: no overflow on huge pages).
            int from = (int) Math.min(all.size(), (page - 1L) * perPage);
            selected = all.subList(from, Math.min(all.size(), from + perPage));
        }
        ArrayNode body = NODES.arrayNode();
        for (JsonNode element : selected) {
            body.add((elementType != null) ? samples.shape(elementType, element) : element);
        }
        SimulatorResponse response = SimulatorResponse.json(operation.responseStatus(), body);
        if (operation.paginated()) {
            int totalPages = (int) Math.ceil(all.size() / (double) perPage);
            response = response.withHeader("X-Pagination-Per-Page", String.valueOf(perPage))
                .withHeader("X-Pagination-Current-Page", String.valueOf(page))
                .withHeader("X-Pagination-Total-Pages", String.valueOf(totalPages))
                .withHeader("X-Pagination-Total-Entries", String.valueOf(all.size()));
        }
        return response;
    }

    private void stamp(ObjectNode object, String now, boolean created) {
        if (created && object.has("createdAt")) {
            object.put("createdAt", now);
        }
        if (object.has("updatedAt")) {
            object.put("updatedAt", now);
        }
    }

    private static void attribute(ObjectNode object, SimulatedUser caller) {
        for (String field : List.of("author", "user", "runningAs")) {
            if (object.get(field) instanceof ObjectNode person) {
                person.put("id", caller.id());
                person.put("name", caller.name());
                person.put("username", caller.username());
                person.put("initials", caller.initials());
            }
        }
        if (object.path("owner").isString()) {
            object.put("owner", caller.username());
        }
        if (object.has("runningAsId")) {
            object.put("runningAsId", caller.id());
        }
        if (object.has("myPermissionLevel")) {
            object.put("myPermissionLevel", "manage");
        }
    }

    private static SimulatorResponse notFoundObject(String collection, long id) {
        return notFoundObject(collection, String.valueOf(id));
    }

    private static SimulatorResponse notFoundObject(String collection, String id) {
        return CivisErrors.notFound("The requested resource could not be found: no object " + id + " in "
                + collection + ".");
    }

    private static @Nullable String namedType(@Nullable String notation) {
        return (notation != null && TypeRef.parse(notation).isNamed()) ? notation : null;
    }

    private static int indexOf(String[] segments, String literal) {
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals(literal)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isLong(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int parseInt(@Nullable String text, int fallback) {
        try {
            return (text != null) ? Integer.parseInt(text.trim()) : fallback;
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
