package io.github.civis.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Test files made and compared without holding them in memory: transfers of many megabytes stay cheap. */
public final class TestFiles {

    private static final int CHUNK = 64 * 1024;

    private TestFiles() {
    }

    /**
     * Writes that many pseudo-random bytes, the same for the same seed, to that path.
     *
     * @return the path
     */
    public static Path random(Path path, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(path)) {
            long left = size;
            while (left > 0) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
        return path;
    }

    /** The SHA-256 of the file's content, in hex. */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = in.read(chunk)) > 0) {
                digest.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of those bytes, in hex. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java platform has SHA-256", ex);
        }
    }
}
