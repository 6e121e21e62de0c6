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
