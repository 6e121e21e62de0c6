package io.github.civis.simulator.http;

import java.util.Optional;

import io.github.civis.catalog.CatalogOperation;
import io.github.civis.simulator.http.RouteTable.RouteMatch;
import io.github.civis.simulator.state.JobRuns;
import io.github.civis.simulator.state.SimulatedUser;
import io.github.civis.simulator.state.StoredFiles;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Files and their storage: presigned upload forms ({@code POST /files}), multipart uploads, and
 * what the storage routes ({@link StorageRoutes}) need to store uploads and serve downloads.
 */
final class FileEndpoints extends ApiArea {

    FileEndpoints(State state) {
        super(state);
    }

    /** Gives a new file the presigned S3 form it is uploaded with. */
    void presign(ObjectNode file, long id) {
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
    void defaultExpiry(ObjectNode file, ObjectNode body) {
        if (!body.has("expiresAt") && !body.has("expires_at")) {
            file.put("expiresAt", JobRuns.format(files.now().plus(java.time.Duration.ofDays(30))));
        }
        else if (body.has("expires_at")) {
            file.set("expiresAt", body.get("expires_at"));
            file.remove("expires_at");
        }
    }

    /** {@code POST /files/multipart}: a file uploaded in parts, with one URL per part. */
    SimulatorResponse startMultipart(RouteMatch match, ObjectNode body, SimulatedUser caller) {
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

    /** {@code POST /files/multipart/{id}/complete}: joins the parts, or says which are missing. */
    SimulatorResponse completeMultipart(RouteMatch match) {
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
}
