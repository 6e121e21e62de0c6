package io.github.civis.bench.sql;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.sql.Seed;

/**
 * The SQL scenario's server: the simulator on 127.0.0.1, seeded with one generated table of
 * {@code rows} rows ({@code id} 1 to n, a name, a 40-character payload holding a delimiter and
 * quotes), in a JVM of its own. Prints {@code SIMULATOR_URL=…} when ready; stops when its
 * parent closes its stdin, or after {@code --max-seconds}.
 *
 * <pre>SqlSimulatorServer &lt;rows&gt; &lt;api-key&gt; &lt;max-seconds&gt;</pre>
 */
public final class SqlSimulatorServer {

    /** The database of the seeded table. */
    public static final String DATABASE = "bench-warehouse";

    /** The seeded table. */
    public static final String TABLE = "bench.sql_rows";

    private SqlSimulatorServer() {
    }

    /**
     * Starts the simulator and serves until stdin closes or the time is up.
     * @param args rows, API key, longest life in seconds
     * @throws IOException when stdin cannot be read
     */
    public static void main(String[] args) throws IOException {
        long rows = Long.parseLong(args[0]);
        long maxSeconds = Long.parseLong(args[2]);
        Seed seed = new Seed().table(DATABASE, TABLE, List.of("id", "name", "payload"), rows,
                i -> List.of(String.valueOf(i + 1), "row-" + (i + 1), "p".repeat(32) + ",\"" + (i + 1) + "\""));
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey(args[1]).runStep(Duration.ZERO).seed(seed)
            .build().start()) {
            System.out.println("SIMULATOR_URL=" + simulator.baseUrl());
            System.out.flush();
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(Duration.ofSeconds(maxSeconds).toMillis());
                }
                catch (InterruptedException ex) {
                    return;
                }
                System.exit(3);
            }, "max-life");
            watchdog.setDaemon(true);
            watchdog.start();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // Serve until the parent closes stdin.
            }
        }
    }
}
