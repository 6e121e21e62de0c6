package io.github.civis.simulator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.civis.simulator.faults.FaultDecision;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.faults.Faults;
import io.github.civis.simulator.state.StoredFiles;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.HttpData;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The presigned storage URLs, standing in for S3: the form upload ({@code POST /upload/{token}}),
 * multipart part uploads ({@code PUT /upload/{token}/parts/{part}}) and downloads
 * ({@code GET /download/{token}}, with {@code Range}). Bodies are streamed between the connection
 * and the storage directory, never held whole in memory, so files of any size can move.
 *
 * <p>Faults target these routes by their templates; for a part, the concrete route
 * {@code /upload/{token}/parts/3} matches too, so a rule can hit one part. A dropped connection on
 * a download sends the headers and half of the content, then closes the connection mid-body.
 */
final class StorageRoutes {

    static final String UPLOAD_ROUTE = "/upload/{token}";

    static final String UPLOAD_PART_ROUTE = "/upload/{token}/parts/{part}";

    static final String DOWNLOAD_ROUTE = "/download/{token}";

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private static final int MAX_PART_NUMBER = 10_000;

    /** Fields and small files of a form stay in memory up to this size; larger ones go to disk. */
    private static final long FORM_MEMORY_LIMIT = 16 * 1024;

    private final CivisApi api;
    private final Faults faults;
    private final ServerStats stats;

    StorageRoutes(CivisApi api, Faults faults, ServerStats stats) {
        this.api = api;
        this.faults = faults;
        this.stats = stats;
    }

    /** Whether a path is a storage URL rather than an API route. */
    static boolean handles(String rawPath) {
        return rawPath.startsWith("/upload/") || rawPath.startsWith("/download/");
    }

    Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        String path = FaultRule.normalizeRoute(new QueryStringDecoder(request.uri()).path());
        String method = request.method().name();
        String[] segments = path.split("/");
        stats.request();
        Route route = route(method, segments);
        if (route == null) {
            return discardBody(request).then(send(response, CivisErrors.notFound("No storage route matches "
                    + method + " " + path + ".")));
        }
        storage().record(new StoredFiles.StorageRequest(method, route.template(), headers(request)));
        FaultDecision decision = faults.decide(method, route.template(), route.maskedPath());
        Mono<Void> served = Mono.defer(() -> {
            FaultRule fault = decision.fault();
            if (fault != null && fault.kind() != FaultRule.Kind.LATENCY) {
                stats.fault(fault.kind());
                if (fault.kind() == FaultRule.Kind.STATUS) {
                    return discardBody(request).then(send(response, SimulatorHandler.statusFault(fault)));
                }
                if (fault.kind() == FaultRule.Kind.DROP_CONNECTION) {
                    return route.template().equals(DOWNLOAD_ROUTE) ? download(request, response, route, true)
                            : drop(response);
                }
            }
            return switch (route.template()) {
                case UPLOAD_PART_ROUTE -> uploadPart(request, response, route);
                case UPLOAD_ROUTE -> uploadForm(request, response, route);
                default -> download(request, response, route, false);
            };
        });
        if (decision.delay().isZero()) {
            return served;
        }
        stats.fault(FaultRule.Kind.LATENCY);
        return Mono.delay(decision.delay()).then(served);
    }

    private @Nullable Route route(String method, String[] segments) {
        // segments[0] is the empty string before the leading slash
        if (method.equals("PUT") && segments.length == 5 && segments[1].equals("upload")
                && segments[3].equals("parts") && segments[4].matches("\\d{1,5}")) {
            int part = Integer.parseInt(segments[4]);
            if (part < 1 || part > MAX_PART_NUMBER) {
                return null;
            }
            return new Route(UPLOAD_PART_ROUTE, "/upload/{token}/parts/" + part, segments[2], part);
        }
        if (method.equals("POST") && segments.length == 3 && segments[1].equals("upload")) {
            return new Route(UPLOAD_ROUTE, UPLOAD_ROUTE, segments[2], 0);
        }
        if ((method.equals("GET") || method.equals("HEAD")) && segments.length == 3 && segments[1].equals("download")) {
            return new Route(DOWNLOAD_ROUTE, DOWNLOAD_ROUTE, segments[2], 0);
        }
        return null;
    }

    /** A part of a multipart upload, the raw body of a PUT as to S3's presigned part URLs. */
    private Mono<Void> uploadPart(HttpServerRequest request, HttpServerResponse response, Route route) {
        if (storage().fileForUpload(route.token()).isEmpty()) {
            return discardBody(request).then(send(response, CivisErrors.error(403, "Invalid or expired upload URL.")));
        }
        Path temporary = storage().newTemporary();
        MessageDigest md5 = md5();
        long[] received = { 0 };
        return Mono.using(() -> FileChannel.open(temporary, StandardOpenOption.WRITE),
                channel -> request.receive().doOnNext(buffer -> {
                    received[0] += buffer.readableBytes();
                    for (ByteBuffer chunk : buffer.nioBuffers()) {
                        md5.update(chunk.duplicate());
                        write(channel, chunk);
                    }
                }).then(), StorageRoutes::closeQuietly)
            .then(Mono.defer(() -> {
                String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
                if (declared != null && !declared.equals(String.valueOf(received[0]))) {
                    deleteQuietly(temporary);
                    return send(response, CivisErrors.error(400, "The part body has " + received[0]
                            + " bytes but Content-Length says " + declared + "."));
                }
                if (!api.storePart(route.token(), route.part(), temporary)) {
                    deleteQuietly(temporary);
                    return send(response, CivisErrors.error(403, "Invalid or expired upload URL."));
                }
                return send(response, SimulatorResponse.empty(200)
                    .withHeader("ETag", "\"" + HexFormat.of().formatHex(md5.digest()) + "\""));
            }))
            .doOnError(failure -> deleteQuietly(temporary));
    }

    /**
     * A presigned POST: the form's fields, then its {@code file} field, which goes to disk as it arrives.
     * A field part may carry a file name and a content type: it is read as text all the same.
     */
    private Mono<Void> uploadForm(HttpServerRequest request, HttpServerResponse response, Route route) {
        Optional<FileEndpoints.UploadTarget> target = api.uploadTarget(route.token());
        if (target.isEmpty()) {
            return discardBody(request).then(send(response, CivisErrors.error(403, "Invalid or expired upload URL.")));
        }
        if (!request.isMultipart()) {
            return discardBody(request).then(send(response, CivisErrors.error(400,
                    "Expected a multipart/form-data body, got " + request.requestHeaders().get("Content-Type"))));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Path[] content = { null };
        // Large fields go to the storage directory: left to itself, the decoder makes a new
        // RN_form_* directory in the system's temporary directory for every form, and never removes it.
        Path spool = storage().directory();
        return request.receiveForm(form -> form.maxInMemorySize(FORM_MEMORY_LIMIT).baseDirectory(spool))
            .doOnNext(data -> {
                // As S3 does, only the part named "file" is the content; every other part is a
                // field, whatever its headers say (clients such as Python's requests send every
                // part with a file name and a content type).
                if (data.getName().equals("file")) {
                    content[0] = keep(data);
                }
                else {
                    fields.put(data.getName(), text(data));
                }
            })
            .then(Mono.defer(() -> {
                if (!target.get().key().equals(fields.get("key"))) {
                    deleteIfSet(content[0]);
                    return send(response, CivisErrors.error(403, "The form's key does not match the presigned upload."));
                }
                if (content[0] == null) {
                    return send(response, CivisErrors.error(400, "The form has no 'file' field."));
                }
                api.storeUpload(target.get().fileId(), content[0]);
                // S3 answers a presigned POST with 204 unless the form asks for another status.
                return send(response, SimulatorResponse.empty(204));
            }))
            .onErrorResume(failure -> !(failure instanceof UncheckedIOException), failure -> {
                deleteIfSet(content[0]);
                return send(response, CivisErrors.error(400, "Malformed multipart/form-data body: " + failure));
            });
    }

    private Mono<Void> download(HttpServerRequest request, HttpServerResponse response, Route route, boolean dropMidBody) {
        Optional<Long> fileId = storage().fileForDownload(route.token());
        if (fileId.isEmpty()) {
            return send(response, CivisErrors.error(403, "Invalid or expired download URL."));
        }
        Optional<Path> content = storage().contentFile(fileId.get());
        Optional<Long> stored = storage().size(fileId.get());
        if (content.isEmpty() || stored.isEmpty()) {
            return send(response, CivisErrors.notFound("No file content behind this URL."));
        }
        long size = stored.get();
        long start = 0;
        long end = size - 1;
        String range = request.requestHeaders().get(HttpHeaderNames.RANGE);
        Matcher matcher = (range != null) ? RANGE.matcher(range.trim()) : null;
        boolean partial = matcher != null && matcher.matches();
        if (partial) {
            start = Long.parseLong(matcher.group(1));
            if (!matcher.group(2).isEmpty()) {
                end = Math.min(end, Long.parseLong(matcher.group(2)));
            }
            if (start >= size || start > end) {
                return send(response, CivisErrors.error(416, "Range " + range + " is outside the file's " + size
                        + " bytes.").withHeader("Content-Range", "bytes */" + size));
            }
        }
        long length = end - start + 1;
        handlerStatsAnswered(partial ? 206 : 200);
        response.status(partial ? 206 : 200)
            .header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
            .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(Math.max(0, length)))
            .header(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        if (partial) {
            response.header(HttpHeaderNames.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        }
        if (request.method().name().equals("HEAD") || length <= 0) {
            return response.send();
        }
        if (dropMidBody) {
            // Half the content, then the connection breaks: what a client sees when a proxy or the
            // network gives up in the middle of a download.
            long half = length / 2;
            long from = start;
            Flux<ByteBuf> firstHalf = ByteBufFlux.fromPath(content.get()).transform(chunks -> limit(chunks, from, half));
            return response.send(firstHalf.concatWith(Flux.error(new IOException("Simulated dropped connection"))))
                .then()
                .onErrorResume(failure -> Mono.fromRunnable(() -> response.withConnection(connection ->
                        connection.channel().close())));
        }
        return response.sendFile(content.get(), start, length).then();
    }

    /** The chunks of a file from {@code start}, {@code count} bytes of them. */
    private static Flux<ByteBuf> limit(Flux<ByteBuf> chunks, long start, long count) {
        long[] position = { 0 };
        return chunks.handle((chunk, sink) -> {
            long chunkStart = position[0];
            long chunkEnd = chunkStart + chunk.readableBytes();
            position[0] = chunkEnd;
            long from = Math.max(chunkStart, start);
            long to = Math.min(chunkEnd, start + count);
            if (from >= to) {
                chunk.release();
                return;
            }
            sink.next(chunk.retainedSlice((int) (from - chunkStart), (int) (to - from)));
            chunk.release();
        });
    }

    private Mono<Void> drop(HttpServerResponse response) {
        response.withConnection(connection -> connection.channel().close());
        return Mono.empty();
    }

    private Mono<Void> send(HttpServerResponse response, SimulatorResponse answer) {
        handlerStatsAnswered(answer.status());
        response.status(answer.status());
        answer.headers().forEach(response::header);
        return (answer.body().length == 0) ? response.send().then()
                : response.sendByteArray(Mono.just(answer.body())).then();
    }

    private void handlerStatsAnswered(int status) {
        stats.answered(status);
    }

    private StoredFiles storage() {
        return api.storage();
    }

    private Path keep(HttpData data) {
        Path destination = storage().newTemporary();
        try {
            if (data.isInMemory()) {
                Files.write(destination, data.get());
            }
            else if (!data.renameTo(destination.toFile())) {
                throw new IOException("Cannot move the uploaded form file to " + destination);
            }
            return destination;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String text(HttpData data) {
        try {
            return data.getString(java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Mono<Void> discardBody(HttpServerRequest request) {
        return request.receive().then();
    }

    private static Map<String, String> headers(HttpServerRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.requestHeaders().forEach(entry -> headers.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT),
                entry.getValue()));
        return headers;
    }

    private static void write(FileChannel channel, ByteBuffer chunk) {
        try {
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        }
        catch (IOException ex) {
            // the part is discarded or already complete
        }
    }

    private static void deleteIfSet(@Nullable Path path) {
        if (path != null) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        }
        catch (IOException ex) {
            // a leftover in the storage directory, removed with it on stop
        }
    }

    /**
     * A storage request's route.
     *
     * @param template the route template faults match
     * @param maskedPath the concrete route with the token hidden, e.g. {@code /upload/{token}/parts/3}
     * @param token the presigned token
     * @param part the part number, or 0
     */
    private record Route(String template, String maskedPath, String token, int part) {
    }
}
