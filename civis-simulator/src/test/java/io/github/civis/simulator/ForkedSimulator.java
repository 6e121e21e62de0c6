package io.github.civis.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator in a JVM of its own, started from the test class path with JVM options of the
 * test's choosing (a small heap, another temporary directory), for what only a separate process
 * can show: what it does to its heap and to the machine's temporary directory.
 */
final class ForkedSimulator implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final String baseUrl;

    private ForkedSimulator(List<String> jvmOptions, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(StandaloneProcessTest.javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(matcher.group(1));
                    }
                }
            }
            catch (IOException ex) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("The simulator ended without listening: "
                    + output()));
        }, "forked-simulator-output");
        reader.setDaemon(true);
        reader.start();
        try {
            baseUrl = listening.get(60, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            close();
            throw ex;
        }
    }

    /**
     * Starts a simulator process and waits (at most a minute) until it listens.
     *
     * @param jvmOptions options of the JVM, e.g. {@code -Xmx64m}
     * @param args the simulator's options; {@code --port 0} is added
     */
    static ForkedSimulator start(List<String> jvmOptions, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(List.of(args));
        return new ForkedSimulator(jvmOptions, all);
    }

    String baseUrl() {
        return baseUrl;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the process printed so far. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Stops the process as a user would (its shutdown hook runs), forcibly after 20 seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
