package io.github.civis.simulator;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line until the process is stopped. Prints one line once
 * listening: {@code Civis simulator listening on http://127.0.0.1:PORT/} (containers wait for it).
 * Exit code 2 for invalid options.
 */
public final class Main {

    /** The exit code for invalid options. */
    public static final int INVALID_OPTIONS = 2;

    private Main() {
    }

    /** Starts the simulator and waits until the JVM shuts down. */
    public static void main(String[] args) throws InterruptedException {
        CivisSimulator simulator;
        try {
            simulator = start(args, System.out);
        }
        catch (CommandLine.InvalidOptionException ex) {
            System.err.println("civis-simulator: " + ex.getMessage());
            System.err.println("Run with --help for the options.");
            System.exit(INVALID_OPTIONS);
            return;
        }
        if (simulator == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }, "civis-simulator-shutdown"));
        // Netty's threads are daemons: without this wait the JVM would exit at once.
        stopped.await();
    }

    /**
     * Parses the options and starts a simulator, printing the listening line.
     *
     * @return the running simulator, or {@code null} when only help was asked for
     * @throws CommandLine.InvalidOptionException for invalid options
     */
    public static CivisSimulator start(String[] args, PrintStream out) {
        CivisSimulator.Builder builder = CommandLine.parse(args, System.getenv("CIVIS_API_KEY"));
        if (builder == null) {
            out.print(CommandLine.USAGE);
            return null;
        }
        long started = System.nanoTime();
        CivisSimulator simulator = builder.build().start();
        out.println("Civis simulator listening on " + simulator.baseUrl() + " (started in "
                + (System.nanoTime() - started) / 1_000_000 + " ms)");
        out.flush();
        return simulator;
    }
}
