package io.github.civis.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.http.RateLimits;
import io.github.civis.simulator.sql.Seed;

/**
 * The simulator's command-line options, parsed into a {@link CivisSimulator.Builder}.
 */
public final class CommandLine {

    /** The text {@code --help} prints. */
    public static final String USAGE = """
            Usage: java -jar civis-simulator.jar [options]

            Options:
              --port <port>            port to listen on (default 0: a free port)
              --host <address>         address to listen on (default 127.0.0.1)
              --api-key <key>[=<user>] accepted API key, optionally with its user name; repeatable
                                       (default: the CIVIS_API_KEY environment variable)
              --fault <status>:<rate>  answer that share of calls with that status, e.g. 503:0.2; repeatable
              --retry-after <seconds>  Retry-After sent with --fault 429 and 503 answers
              --latency <millis>       delay added to every call
              --rate-limit <n>/<window>
                                       enforce a general limit per API key, e.g. 1000/300s (429 past it)
              --run-rate-limit <n>/<window>
                                       enforce a limit on run-creating requests per key, e.g. 100/300s
              --run-step-millis <ms>   how long a run stays queued, then running (default 300)
              --max-body-bytes <n>     largest API request body accepted, larger ones get 413
                                       (default 10485760, 10 MB; storage uploads are exempt)
              --max-table-bytes <n>    most disk space imported tables may take together; an import
                                       beyond it fails its run (default 1073741824, 1 GiB)
              --seed <file.json>       databases, tables, credentials and storage hosts to start with
              --endpoints-document <file.json>
                                       OpenAPI 2.0 document GET /endpoints answers with (default: the
                                       catalog's own), to present a platform whose API has moved
              --help                   print this text

            Admin endpoints: GET/POST/DELETE /_simulator/faults, GET /_simulator/stats, GET /_simulator/health;
            they need the API key too unless --host is a loopback address.
            """;

    private CommandLine() {
    }

    private static RateLimits.Limit limit(String option, String value) {
        try {
            return RateLimits.Limit.parse(value);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidOptionException("Option " + option + ": " + ex.getMessage());
        }
    }

    /** Raised for options that cannot be used; its message says why. */
    public static final class InvalidOptionException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidOptionException(String message) {
            super(message);
        }
    }

    /**
     * Parses the options.
     *
     * @param args the command line
     * @param environmentKey the key to use when none is given, or {@code null}
     * @return the builder, or {@code null} when {@code --help} was asked for
     * @throws InvalidOptionException when an option is unknown, lacks its value or has a bad one
     */
    public static CivisSimulator.Builder parse(String[] args, String environmentKey) {
        CivisSimulator.Builder builder = CivisSimulator.builder();
        List<String[]> faults = new ArrayList<>();
        Duration retryAfter = null;
        boolean anyKey = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = null;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                value = option.substring(equals + 1);
                option = option.substring(0, equals);
            }
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (!List.of("--port", "--host", "--api-key", "--fault", "--retry-after", "--latency", "--run-step-millis",
                    "--rate-limit", "--run-rate-limit", "--max-body-bytes", "--max-table-bytes", "--seed",
                    "--endpoints-document")
                .contains(option)) {
                throw new InvalidOptionException("Unknown option '" + args[i] + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new InvalidOptionException("Option " + option + " needs a value");
                }
                value = args[++i];
            }
            switch (option) {
                case "--port" -> builder.port(intValue(option, value, 0, 65535));
                case "--host" -> builder.host(value);
                case "--api-key" -> {
                    int separator = value.indexOf('=');
                    String key = (separator > 0) ? value.substring(0, separator) : value;
                    if (key.isBlank()) {
                        throw new InvalidOptionException("Option --api-key needs a non-blank key");
                    }
                    if (separator > 0) {
                        builder.apiKey(key, value.substring(separator + 1));
                    }
                    else {
                        builder.apiKey(key);
                    }
                    anyKey = true;
                }
                case "--fault" -> {
                    String[] parts = value.split(":", -1);
                    if (parts.length != 2) {
                        throw new InvalidOptionException("Option --fault takes <status>:<rate>, e.g. 503:0.2, not '"
                                + value + "'");
                    }
                    faults.add(parts);
                }
                case "--retry-after" -> retryAfter = Duration.ofSeconds(intValue(option, value, 0, 86_400));
                case "--latency" -> builder.latency(Duration.ofMillis(intValue(option, value, 0, 600_000)));
                case "--run-step-millis" -> builder.runStep(Duration.ofMillis(intValue(option, value, 0, 3_600_000)));
                case "--max-body-bytes" -> builder.maxRequestBodyBytes(intValue(option, value, 0, Integer.MAX_VALUE));
                case "--max-table-bytes" -> builder.maxTableBytes(longValue(option, value, 0, Long.MAX_VALUE));
                case "--seed" -> builder.seed(seedFile(value));
                case "--rate-limit" -> {
                    RateLimits.Limit limit = limit(option, value);
                    builder.rateLimit(limit.requests(), limit.window());
                }
                case "--run-rate-limit" -> {
                    RateLimits.Limit limit = limit(option, value);
                    builder.runRateLimit(limit.requests(), limit.window());
                }
                case "--endpoints-document" -> endpointsDocument(builder, value);
                default -> throw new IllegalStateException(option);
            }
        }
        for (String[] fault : faults) {
            int status = intValue("--fault", fault[0], 400, 599);
            double rate;
            try {
                rate = Double.parseDouble(fault[1]);
            }
            catch (NumberFormatException ex) {
                throw new InvalidOptionException("Option --fault needs a rate from 0 to 1, not '" + fault[1] + "'");
            }
            if (!(rate >= 0 && rate <= 1)) {
                throw new InvalidOptionException("Option --fault needs a rate from 0 to 1, not '" + fault[1] + "'");
            }
            FaultRule rule = FaultRule.status(status).rate(rate);
            if (retryAfter != null && (status == 429 || status == 503)) {
                rule = rule.retryAfter(retryAfter);
            }
            builder.fault(rule);
        }
        if (!anyKey) {
            if (environmentKey == null || environmentKey.isBlank()) {
                throw new InvalidOptionException("Give at least one --api-key (or set CIVIS_API_KEY)");
            }
            builder.apiKey(environmentKey);
        }
        return builder;
    }

    private static Seed seedFile(String value) {
        java.nio.file.Path file = java.nio.file.Path.of(value);
        if (!java.nio.file.Files.isReadable(file)) {
            throw new InvalidOptionException("Option --seed names no readable file: '" + value + "'");
        }
        try {
            return Seed.read(file);
        }
        catch (IllegalArgumentException | java.io.UncheckedIOException ex) {
            throw new InvalidOptionException("Option --seed: " + ex.getMessage());
        }
    }

    private static void endpointsDocument(CivisSimulator.Builder builder, String value) {
        java.nio.file.Path file = java.nio.file.Path.of(value);
        if (!java.nio.file.Files.isReadable(file)) {
            throw new InvalidOptionException("Option --endpoints-document names no readable file: '" + value + "'");
        }
        try {
            builder.endpointsDocument(file);
        }
        catch (IllegalArgumentException | java.io.UncheckedIOException ex) {
            throw new InvalidOptionException("Option --endpoints-document: " + ex.getMessage());
        }
    }

    private static int intValue(String option, String value, int min, int max) {
        return (int) longValue(option, value, min, max);
    }

    private static long longValue(String option, String value, long min, long max) {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                throw new InvalidOptionException("Option " + option + " must be from " + min + " to " + max
                        + ", not " + parsed);
            }
            return parsed;
        }
        catch (NumberFormatException ex) {
            throw new InvalidOptionException("Option " + option + " needs a whole number, not '" + value + "'");
        }
    }
}
