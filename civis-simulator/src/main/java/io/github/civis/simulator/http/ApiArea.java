package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.List;
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
import io.github.civis.simulator.sql.SimulatedDatabases;
import io.github.civis.simulator.sql.SqlEngine;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the areas of the simulated API share: the simulator's state, the collections that are
 * aliases of others ({@code /jobs}, {@code /scripts}), how a stored object is shown, and how an
 * answer is shaped to its catalog type and paged. Each area ({@link ObjectEndpoints},
 * {@link RunEndpoints}, {@link SqlEndpoints}, {@link FileEndpoints}) builds on it; {@link CivisApi}
 * routes a call to the one it belongs to.
 */
abstract class ApiArea {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final Pattern JOB_COLLECTION = Pattern.compile("/(scripts(/[a-z][a-z0-9_-]*)?|imports(/[a-z][a-z0-9_-]*)*|exports(/[a-z][a-z0-9_-]*)*"
            + "|enhancements/[a-z][a-z0-9_-]*|jobs|files/preprocess/csv)");

    /** Preprocessing jobs: their ids are job ids, run through {@code /jobs/{id}/runs}. */
    static final String PREPROCESS_COLLECTION = "/files/preprocess/csv";

    /** CSV export jobs, whose runs write their query's rows as the export options ask. */
    static final String CSV_EXPORT_COLLECTION = "/exports/files/csv";

    static final Pattern SCRIPT_COLLECTION = Pattern.compile("/scripts(/[a-z][a-z0-9_-]*)?");

    /** How long a download URL is valid: the platform's default link expiry. */
    static final java.time.Duration DOWNLOAD_URL_LIFETIME = java.time.Duration.ofMinutes(30);

    final RouteTable routes;
    final SampleFactory samples;
    final ObjectStore store;
    final JobRuns runs;
    final StoredFiles files;
    /** The simulator's own base URL, ending with {@code /}, for upload and download links. */
    final Supplier<String> baseUrl;
    final SimulatedDatabases databases;
    final SqlEngine sql;

    ApiArea(State state) {
        this.routes = state.routes();
        this.samples = state.samples();
        this.store = state.store();
        this.runs = state.runs();
        this.files = state.files();
        this.baseUrl = state.baseUrl();
        this.databases = state.databases();
        this.sql = state.sql();
    }

    /**
     * The state every area works on, one instance of each for the whole simulator.
     *
     * @param routes the compiled catalog routes
     * @param samples sample values of the catalog types
     * @param store the stored objects
     * @param runs the job runs
     * @param files the uploaded files
     * @param baseUrl the simulator's own base URL, ending with {@code /}
     * @param databases the seeded databases and tables
     * @param sql the SQL engine over those databases
     */
    record State(RouteTable routes, SampleFactory samples, ObjectStore store, JobRuns runs, StoredFiles files,
            Supplier<String> baseUrl, SimulatedDatabases databases, SqlEngine sql) {
    }

    /** Whether a template names a collection the simulator keeps objects in. */
    boolean isStateful(String template) {
        if (isAlias(template)) {
            return true;
        }
        return routes.has("POST", template) && (routes.hasItemRoute("GET", template)
                || routes.hasItemRoute("DELETE", template) || routes.hasItemRoute("PUT", template));
    }

    static boolean isAlias(String collection) {
        return collection.equals("/jobs") || collection.equals("/scripts");
    }

    static Predicate<String> collectionFilter(String collection) {
        if (collection.equals("/jobs")) {
            return c -> JOB_COLLECTION.matcher(c).matches();
        }
        if (collection.equals("/scripts")) {
            return c -> SCRIPT_COLLECTION.matcher(c).matches();
        }
        return collection::equals;
    }

    Optional<StoredObject> find(String collection, long id) {
        return isAlias(collection) ? store.find(id, collectionFilter(collection)) : store.get(collection, id);
    }

    /**
     * A new object of a catalog type, without what its sample would claim with no meaning:
     * references to objects that do not exist (ids, project lists, a last run) and times of
     * events that have not happened. Fields the caller sends, and the stamps set afterwards,
     * fill it in.
     */
    ObjectNode newObject(String typeName) {
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
    void fileDefaults(ObjectNode file, @Nullable SimulatedUser owner) {
        if (!file.has("detectedInfo")) {
            file.putNull("detectedInfo");
        }
        if (owner != null && !file.path("author").isObject()) {
            file.set("author", samples.sampleObject("CredentialUser"));
            attribute(file, owner);
        }
    }

    /** A stored object as the API shows it now: with its last run and live file links. */
    ObjectNode view(StoredObject stored) {
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

    /**
     * Stores the file object of a file a run wrote (its content stored already): created now
     * on the simulator's clock, expiring after {@code lifetime}, its author the job's owner.
     */
    ObjectNode addOutputFile(long fileId, String name, long ownerId, java.time.Duration lifetime) {
        ObjectNode file = newObject("File");
        file.put("id", fileId);
        file.put("name", name);
        file.put("createdAt", runs.now());
        file.put("expiresAt", JobRuns.format(files.now().plus(lifetime)));
        fileDefaults(file, userOf(ownerId));
        store.add("/files", fileId, ownerId, file);
        return file;
    }

    @Nullable SimulatedUser userOf(long userId) {
        return store.find(userId, "/users"::equals)
            .map(user -> new SimulatedUser(userId, user.body().path("username").asString("user" + userId)))
            .orElse(null);
    }

    /** A presigned download URL, valid for 30 minutes as the platform's default. */
    String downloadUrl(long fileId) {
        return baseUrl.get() + "download/" + files.downloadToken(fileId, files.now().plus(DOWNLOAD_URL_LIFETIME));
    }

    SimulatorResponse sampleAnswer(RouteMatch match, @Nullable SimulatorRequest request) {
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

    SimulatorResponse respond(CatalogOperation operation, JsonNode value) {
        if (operation.responseType() == null) {
            return SimulatorResponse.empty(operation.responseStatus());
        }
        return SimulatorResponse.json(operation.responseStatus(), samples.shape(operation.responseType(), value));
    }

    SimulatorResponse page(RouteMatch match, SimulatorRequest request, List<JsonNode> all) {
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

    void stamp(ObjectNode object, String now, boolean created) {
        if (created && object.has("createdAt")) {
            object.put("createdAt", now);
        }
        if (object.has("updatedAt")) {
            object.put("updatedAt", now);
        }
    }

    static void attribute(ObjectNode object, SimulatedUser caller) {
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

    static SimulatorResponse notFoundObject(String collection, long id) {
        return notFoundObject(collection, String.valueOf(id));
    }

    static SimulatorResponse notFoundObject(String collection, String id) {
        return CivisErrors.notFound("The requested resource could not be found: no object " + id + " in "
                + collection + ".");
    }

    static @Nullable String namedType(@Nullable String notation) {
        return (notation != null && TypeRef.parse(notation).isNamed()) ? notation : null;
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

    static int parseInt(@Nullable String text, int fallback) {
        try {
            return (text != null) ? Integer.parseInt(text.trim()) : fallback;
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }

    static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
