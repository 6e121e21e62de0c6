package io.github.civis.simulator.state;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * File contents uploaded through presigned POSTs, with the tokens of their upload and download
 * URLs. Tokens stand in for S3's signatures: unguessable, tied to one file.
 */
public final class StoredFiles {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> uploadTokens = new HashMap<>();
    private final Map<String, Long> downloadTokens = new HashMap<>();
    private final Map<Long, String> downloadTokenByFile = new HashMap<>();
    private final Map<Long, byte[]> contents = new HashMap<>();
    private final Map<Long, java.util.TreeMap<Integer, byte[]>> parts = new HashMap<>();

    /** A new upload token for a file. */
    public synchronized String uploadToken(long fileId) {
        String token = token();
        uploadTokens.put(token, fileId);
        return token;
    }

    /** The download token of a file (one per file). */
    public synchronized String downloadToken(long fileId) {
        return downloadTokenByFile.computeIfAbsent(fileId, id -> {
            String token = token();
            downloadTokens.put(token, id);
            return token;
        });
    }

    /** The file an upload token is for. */
    public synchronized Optional<Long> fileForUpload(String token) {
        return Optional.ofNullable(uploadTokens.get(token));
    }

    /** The file a download token is for. */
    public synchronized Optional<Long> fileForDownload(String token) {
        return Optional.ofNullable(downloadTokens.get(token));
    }

    /** Stores a file's bytes. */
    public synchronized void store(long fileId, byte[] bytes) {
        contents.put(fileId, bytes.clone());
    }

    /** Stores one part of a multipart upload (parts are numbered from 1). */
    public synchronized void storePart(long fileId, int partNumber, byte[] bytes) {
        parts.computeIfAbsent(fileId, id -> new java.util.TreeMap<>()).put(partNumber, bytes.clone());
    }

    /**
     * Joins the parts of a multipart upload, in part order, into the file's content.
     *
     * @return whether the file had parts
     */
    public synchronized boolean completeParts(long fileId) {
        java.util.TreeMap<Integer, byte[]> uploaded = parts.remove(fileId);
        if (uploaded == null) {
            return false;
        }
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        uploaded.values().forEach(joined::writeBytes);
        contents.put(fileId, joined.toByteArray());
        return true;
    }

    /** A file's bytes, if uploaded. */
    public synchronized Optional<byte[]> content(long fileId) {
        return Optional.ofNullable(contents.get(fileId)).map(byte[]::clone);
    }

    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
