package io.github.civis.spring.autoconfigure.ratelimit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a private {@code redis-server} for a test class on a free loopback port, without
 * persistence, and stops it afterwards. Without the binary the tests are skipped, with the reason
 * printed (Debian: {@code apt-get install redis-server}). {@link #stop()} and {@link #start()}
 * take it away and bring it back (empty) on the same port.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private int port;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) {
        String binary = binary();
        if (binary == null) {
            String reason = "redis-server is not installed (on Debian: apt-get install redis-server); skipping "
                    + context.getDisplayName();
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        port = freePort();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** The port Redis listens on. */
    int port() {
        return port;
    }

    /** Starts Redis (again) on its port, and waits until it answers. */
    synchronized void start() {
        try {
            Path log = Files.createTempFile("redis-server", ".log");
            log.toFile().deleteOnExit();
            process = new ProcessBuilder(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start redis-server", ex);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not answer on 127.0.0.1:" + port + " within "
                        + START_TIMEOUT);
            }
            sleep(50);
        }
    }

    /** Stops Redis, as a crash would. */
    synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.readNBytes(answer, 0, 7);
            return read == 7 && new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static String binary() {
        String path = System.getenv("PATH");
        List<String> directories = new java.util.ArrayList<>(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin"));
        if (path != null) {
            directories.addAll(0, List.of(path.split(File.pathSeparator)));
        }
        for (String directory : directories) {
            File candidate = new File(directory, "redis-server");
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
