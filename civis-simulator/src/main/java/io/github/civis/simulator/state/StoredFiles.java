package io.github.civis.simulator.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * File contents, kept on disk in a temporary directory this object owns ({@link #close()}
 * deletes it), with the tokens of their presigned upload and download URLs. Tokens stand in for
 * S3's signatures: unguessable, tied to one file, valid until they expire. Multipart uploads keep
 * each part in its own file until they are completed. Also records what the storage URLs saw, so
 * that tests can check the requests (e.g. that no API key reached them).
 */
public final class StoredFiles implements AutoCloseable {

    /** How long an upload URL is valid, as the platform's multipart part URLs (12 hours). */
    public static final Duration UPLOAD_URL_LIFETIME = Duration.ofHours(12);

    /** Smallest part S3 accepts, except the last one. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private static final int RECORDED_REQUESTS = 1000;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Grant> uploadTokens = new HashMap<>();
    private final Map<String, Grant> downloadTokens = new HashMap<>();
    private final Map<Long, Long> sizes = new HashMap<>();
    private final Map<Long, Integer> expectedParts = new HashMap<>();
    private final Map<Long, TreeMap<Integer, Long>> parts = new HashMap<>();
    private final Map<Long, Integer> partUploads = new HashMap<>();
    private final Deque<StorageRequest> requests = new ArrayDeque<>();
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong temporaries = new AtomicLong();
    private @Nullable Path directory;

    /** Files kept under a new temporary directory, made on first use. */
    public StoredFiles(Clock clock) {
        this.clock = clock;
    }

    /** Files with the system clock. */
    public StoredFiles() {
        this(Clock.systemUTC());
    }

    // ---- tokens

    /** A new upload token for a file, valid for {@link #UPLOAD_URL_LIFETIME}. */
    public synchronized String uploadToken(long fileId) {
        String token = token();
        uploadTokens.put(token, new Grant(fileId, clock.instant().plus(UPLOAD_URL_LIFETIME)));
        return token;
    }

    /** A new download token for a file, valid until the given time. */
    public synchronized String downloadToken(long fileId, Instant expiresAt) {
        Instant now = clock.instant();
        downloadTokens.values().removeIf(grant -> grant.expiresAt().isBefore(now));
        String token = token();
        downloadTokens.put(token, new Grant(fileId, expiresAt));
        return token;
    }

    /** The file an upload token is for, unless unknown or expired. */
    public synchronized Optional<Long> fileForUpload(String token) {
        return valid(uploadTokens.get(token));
    }

    /** The file a download token is for, unless unknown or expired. */
    public synchronized Optional<Long> fileForDownload(String token) {
        return valid(downloadTokens.get(token));
    }

    private Optional<Long> valid(@Nullable Grant grant) {
        return (grant == null || !clock.instant().isBefore(grant.expiresAt())) ? Optional.empty()
                : Optional.of(grant.fileId());
    }

    // ---- contents

    /** A new empty file in the storage directory, to stream an upload into before it is stored. */
    public Path newTemporary() {
        Path path = directory().resolve("incoming-" + temporaries.incrementAndGet() + ".tmp");
        try {
            Files.deleteIfExists(path);
            return Files.createFile(path);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Stores a file's bytes (small contents made by the simulator itself, such as SQL results). */
    public void store(long fileId, byte[] bytes) {
        Path temporary = newTemporary();
        try {
            Files.write(temporary, bytes);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        store(fileId, temporary);
    }

    /** Makes a streamed upload, written to a {@link #newTemporary()} file, the file's content. */
    public synchronized void store(long fileId, Path uploaded) {
        try {
            long size = Files.size(uploaded);
            Files.move(uploaded, contentPath(fileId), StandardCopyOption.REPLACE_EXISTING);
            sizes.put(fileId, size);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Where a file's content is, if it was uploaded. */
    public synchronized Optional<Path> contentFile(long fileId) {
        return sizes.containsKey(fileId) ? Optional.of(contentPath(fileId)) : Optional.empty();
    }

    /** Whether a file's expiry time ({@code expiresAt}, ISO-8601, or {@code null} for never) has passed. */
    public boolean isExpired(@Nullable String expiresAt) {
        if (expiresAt == null || expiresAt.isBlank()) {
            return false;
        }
        try {
            return !clock.instant().isBefore(java.time.OffsetDateTime.parse(expiresAt).toInstant());
        }
        catch (java.time.format.DateTimeParseException ex) {
            return false;
        }
    }

    /** The current time of the simulator's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** A file's size in bytes, if uploaded. */
    public synchronized Optional<Long> size(long fileId) {
        return Optional.ofNullable(sizes.get(fileId));
    }

    /** A file's bytes, if uploaded: only for small files. */
    public Optional<byte[]> content(long fileId) {
        Optional<Path> path = contentFile(fileId);
        try {
            return path.isPresent() ? Optional.of(Files.readAllBytes(path.get())) : Optional.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // ---- multipart

    /** Notes how many parts a multipart upload announced. */
    public synchronized void expectParts(long fileId, int count) {
        expectedParts.put(fileId, count);
        parts.remove(fileId);
    }

    /** Stores one part of a multipart upload (parts are numbered from 1), streamed to a {@link #newTemporary()} file. */
    public synchronized void storePart(long fileId, int partNumber, Path uploaded) {
        try {
            long size = Files.size(uploaded);
            Files.move(uploaded, partPath(fileId, partNumber), StandardCopyOption.REPLACE_EXISTING);
            parts.computeIfAbsent(fileId, id -> new TreeMap<>()).put(partNumber, size);
            partUploads.merge(fileId, 1, Integer::sum);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Joins the parts of a multipart upload, in part order, into the file's content, after the
     * checks S3 makes: every announced part is there, and every part but the last has at least
     * {@link #MIN_PART_SIZE} bytes. Every call is counted, whatever its result.
     *
     * @return {@code null} when done, else what is wrong
     */
    public synchronized @Nullable String completeParts(long fileId) {
        completions.incrementAndGet();
        TreeMap<Integer, Long> uploaded = parts.get(fileId);
        Integer expected = expectedParts.get(fileId);
        if (uploaded == null || uploaded.isEmpty()) {
            return "No part of file " + fileId + " was uploaded.";
        }
        int count = (expected != null) ? expected : uploaded.lastKey();
        for (int part = 1; part <= count; part++) {
            Long size = uploaded.get(part);
            if (size == null) {
                return "Part " + part + " of file " + fileId + " was not uploaded.";
            }
            if (part < count && size < MIN_PART_SIZE) {
                return "Part " + part + " of file " + fileId + " has " + size + " bytes; every part but the last "
                        + "needs at least " + MIN_PART_SIZE + ".";
            }
        }
        Path joined = newTemporary();
        try (FileChannel out = FileChannel.open(joined, StandardOpenOption.WRITE)) {
            for (int part = 1; part <= count; part++) {
                Path partFile = partPath(fileId, part);
                try (FileChannel in = FileChannel.open(partFile, StandardOpenOption.READ)) {
                    long position = 0;
                    long size = in.size();
                    while (position < size) {
                        position += in.transferTo(position, size - position, out);
                    }
                }
                Files.delete(partFile);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        parts.remove(fileId);
        store(fileId, joined);
        return null;
    }

    /** How many times a multipart upload was asked to complete, successfully or not. */
    public long multipartCompletions() {
        return completions.get();
    }

    /** How many part uploads of a file succeeded (retries count again). */
    public synchronized int partUploads(long fileId) {
        return partUploads.getOrDefault(fileId, 0);
    }

    // ---- what the storage URLs saw

    /** Records a request to a storage URL; the latest {@value #RECORDED_REQUESTS} are kept. */
    public synchronized void record(StorageRequest request) {
        if (requests.size() == RECORDED_REQUESTS) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    /** The latest requests to storage URLs, oldest first. */
    public synchronized List<StorageRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * A request a storage URL received.
     *
     * @param method the HTTP verb
     * @param route the storage route, e.g. {@code /upload/{token}/parts/{part}}
     * @param headers the request headers, names in lower case
     */
    public record StorageRequest(String method, String route, Map<String, String> headers) {

        /** Copies the headers. */
        public StorageRequest {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Forgets every file, token, part and recorded request, as when new; the storage directory
     * is deleted and made again on next use.
     */
    public synchronized void clear() {
        close();
        uploadTokens.clear();
        downloadTokens.clear();
        expectedParts.clear();
        partUploads.clear();
        requests.clear();
        completions.set(0);
    }

    /** Deletes the storage directory and everything in it. */
    @Override
    public synchronized void close() {
        Path root = directory;
        directory = null;
        sizes.clear();
        parts.clear();
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ex) {
            // Already gone, or being deleted by someone else: nothing to keep.
        }
    }

    /**
     * The storage directory, made on first use and deleted by {@link #close()}: where uploads are
     * streamed to, so that a move into place is a rename on the same file system.
     */
    public synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("civis-simulator-files-");
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot create the simulator's file storage directory", ex);
            }
        }
        return directory;
    }

    private Path contentPath(long fileId) {
        return directory().resolve("file-" + fileId);
    }

    private Path partPath(long fileId, int partNumber) {
        return directory().resolve("file-" + fileId + ".part-" + partNumber);
    }

    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private record Grant(long fileId, Instant expiresAt) {
    }
}
