package io.github.civis.simulator.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.civis.catalog.CatalogOperation;
import io.github.civis.simulator.http.RouteTable.RouteMatch;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.simulator.sql.SimulatedDatabases;
import io.github.civis.simulator.sql.SqlEngine;
import io.github.civis.simulator.state.JobRuns;
import io.github.civis.simulator.state.ObjectStore;
import io.github.civis.simulator.state.SampleFactory;
import io.github.civis.simulator.state.SimulatedUser;
import io.github.civis.simulator.state.StoredFiles;
import io.github.civis.simulator.http.FileEndpoints.UploadTarget;
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
 * Each area of the API has its own class: {@link ObjectEndpoints} (collections, objects, shares,
 * projects, users), {@link RunEndpoints} (runs, logs, outputs), {@link SqlEndpoints} and
 * {@link SqlJobs} (seeded databases and tables, queries, imports, exports), {@link FileEndpoints}
 * (files and their storage); this class routes each call to its area.
 * A script is also a job: {@code /jobs/{id}} and {@code /scripts/{id}} find objects of every
 * script, import, export and enhancement collection.
 */
public final class CivisApi {

    /** The content of the output file of every successful SQL run. */
    public static final byte[] SQL_RESULT = "result\nok\n".getBytes(StandardCharsets.UTF_8);

    /** Marker in a script's code that makes its runs fail. */
    public static final String FAILURE_MARKER = "FAIL";

    private final JobRuns runs;
    private final ObjectEndpoints objects;
    private final RunEndpoints runEndpoints;
    private final SqlEndpoints sqlEndpoints;
    private final FileEndpoints fileEndpoints;

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
        ApiArea.State state = new ApiArea.State(routes, samples, store, runs, files, baseUrl, databases,
                new SqlEngine(databases));
        this.runs = runs;
        this.fileEndpoints = new FileEndpoints(state);
        this.objects = new ObjectEndpoints(state, fileEndpoints);
        this.runEndpoints = new RunEndpoints(state, new SqlJobs(state));
        this.sqlEndpoints = new SqlEndpoints(state);
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
            return objects.me(operation, body, caller);
        }
        SimulatorResponse seededData = sqlEndpoints.seededData(match, request, body, caller);
        if (seededData != null) {
            return seededData;
        }
        if (match.route().template().equals("/files/multipart") && verb.equals("POST")) {
            return fileEndpoints.startMultipart(match, body, caller);
        }
        if (match.route().template().equals("/files/multipart/{id}/complete") && verb.equals("POST")) {
            return fileEndpoints.completeMultipart(match);
        }
        int runs = RunEndpoints.indexOfRuns(t);
        if (runs > 0) {
            return runEndpoints.runs(match, runs, request, body);
        }
        int shares = indexOf(t, "shares");
        if (shares > 0 && RouteTable.isPlaceholder(t[shares - 1]) && objects.isStateful(match.templatePrefix(shares - 1))) {
            return objects.shares(match, shares, body, caller);
        }
        if (n >= 3 && t[n - 2].equals("projects") && RouteTable.isPlaceholder(t[n - 1])
                && RouteTable.isPlaceholder(t[n - 3]) && objects.isStateful(match.templatePrefix(n - 3))) {
            return objects.projectMembership(match, n - 3);
        }
        if (n >= 2 && t[n - 1].equals("projects") && verb.equals("GET") && RouteTable.isPlaceholder(t[n - 2])
                && objects.isStateful(match.templatePrefix(n - 2))) {
            return objects.projectsOf(match, n - 2);
        }
        if (n >= 2 && t[n - 1].equals("cancel") && verb.equals("POST") && RouteTable.isPlaceholder(t[n - 2])
                && objects.isStateful(match.templatePrefix(n - 2))) {
            return runEndpoints.cancelLatest(match, n - 2);
        }
        if (n >= 2 && RouteTable.isPlaceholder(t[n - 2]) && objects.isStateful(match.templatePrefix(n - 2))
                && (t[n - 1].equals("archive") && verb.equals("PUT") || t[n - 1].equals("clone") && verb.equals("POST"))) {
            return t[n - 1].equals("archive") ? objects.archive(match, n - 2, body)
                    : objects.cloneObject(match, n - 2, caller);
        }
        if (n >= 1 && RouteTable.isPlaceholder(t[n - 1]) && objects.isStateful(match.templatePrefix(n - 1))
                && !verb.equals("POST")) {
            // Ids are positive numbers: no object was ever made under "abc", "-1" or a 30-digit id.
            return ApiArea.isLong(match.segments()[n - 1]) ? objects.item(match, n - 1, body)
                    : ApiArea.notFoundObject(match.prefix(n - 1), match.segments()[n - 1]);
        }
        if (objects.isStateful(match.route().template()) && (verb.equals("POST") || verb.equals("GET"))) {
            return verb.equals("POST") ? objects.create(match, request, body, caller) : objects.list(match, request);
        }
        return objects.sampleAnswer(match, request);
    }

    private static int indexOf(String[] segments, String literal) {
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals(literal)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds what a seed holds: databases, tables, credentials, storage hosts. */
    public void seed(Seed seed) {
        sqlEndpoints.seed(seed);
    }

    /** Makes the body of a new user, stored under {@code /users}. */
    public void addUser(SimulatedUser user) {
        objects.addUser(user);
    }

    /** Stores one part of a multipart upload, streamed to a temporary file of the storage. */
    boolean storePart(String token, int partNumber, Path uploaded) {
        return fileEndpoints.storePart(token, partNumber, uploaded);
    }

    /** The file an upload token belongs to, with the S3 key the upload must carry. */
    Optional<UploadTarget> uploadTarget(String token) {
        return fileEndpoints.uploadTarget(token);
    }

    /** Stores an uploaded file, streamed to a temporary file of the storage. */
    void storeUpload(long fileId, Path uploaded) {
        fileEndpoints.storeUpload(fileId, uploaded);
    }

    /** Where the content behind a download token is. */
    Optional<Path> download(String token) {
        return fileEndpoints.download(token);
    }

    /** The file storage. */
    StoredFiles storage() {
        return fileEndpoints.storage();
    }
}
