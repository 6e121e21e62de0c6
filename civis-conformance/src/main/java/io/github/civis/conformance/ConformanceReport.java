package io.github.civis.conformance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The result of a conformance run: one outcome per recording, plus what the run learnt about
 * the catalog without failing on it.
 */
public final class ConformanceReport {

    private final List<Outcome> outcomes = new ArrayList<>();
    private final Map<String, Set<String>> accessorMismatches = new TreeMap<>();
    private final Map<String, Set<String>> rawValues = new TreeMap<>();

    ConformanceReport() {
    }

    /** What became of a recording. */
    public enum Result {
        /** The client conformed. */
        PASSED,
        /** The client did not conform, or the recording is broken. */
        FAILED,
        /** The typed API cannot express the recorded request; counted apart. */
        SKIPPED
    }

    /**
     * The outcome of one recording.
     *
     * @param label the recording's id (or {@code #index} when it has none)
     * @param verb the operation's verb, {@code ?} when the recording lacks it
     * @param route the operation's route template, {@code ?} when the recording lacks it
     * @param result passed, failed or skipped
     * @param reason why it failed or was skipped; {@code null} when it passed
     */
    public record Outcome(String label, String verb, String route, Result result, String reason) {

        /** Whether the client conformed. */
        public boolean passed() {
            return result == Result.PASSED;
        }

        /**
         * The output line: {@code PASS <id> <VERB> <route>}, {@code FAIL <id> <VERB> <route>: <reason>}
         * or {@code SKIP <id> <VERB> <route>: <reason>}.
         */
        public String line() {
            return switch (result) {
                case PASSED -> "PASS " + label + " " + verb + " " + route;
                case FAILED -> "FAIL " + label + " " + verb + " " + route + ": " + reason;
                case SKIPPED -> "SKIP " + label + " " + verb + " " + route + ": " + reason;
            };
        }
    }

    void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    void accessorMismatch(String description, String label) {
        accessorMismatches.computeIfAbsent(description, k -> new TreeSet<>()).add(label);
    }

    void rawValue(String description, String label) {
        rawValues.computeIfAbsent(description, k -> new TreeSet<>()).add(label);
    }

    /** Every outcome, in file order. */
    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Number of recordings that passed. */
    public long passed() {
        return outcomes.stream().filter(Outcome::passed).count();
    }

    /** Number of recordings that failed (invalid ones included). */
    public long failed() {
        return outcomes.stream().filter(outcome -> outcome.result() == Result.FAILED).count();
    }

    /** Number of recordings the typed API cannot express, neither passed nor failed. */
    public long skipped() {
        return outcomes.stream().filter(outcome -> outcome.result() == Result.SKIPPED).count();
    }

    /**
     * Typed accessors that threw {@link io.github.civis.client.error.CivisTypeMismatchException}
     * on a returned object, e.g. {@code Credential.state: declared integer, sent string}, with
     * the labels of the recordings that showed it.
     */
    public Map<String, Set<String>> accessorMismatches() {
        return Collections.unmodifiableMap(accessorMismatches);
    }

    /**
     * Request values that did not fit their declared type and were sent as raw JSON through
     * the builder's {@code json(wire, value)}, with the labels of the recordings.
     */
    public Map<String, Set<String>> rawValues() {
        return Collections.unmodifiableMap(rawValues);
    }

    /**
     * Prints the report: one line per recording and the totals on {@code out}; what the run
     * learnt about the catalog on {@code err}.
     * @param out receives the fixed-format result
     * @param err receives the summary for the catalog's maintainers
     */
    public void print(PrintStream out, PrintStream err) {
        outcomes.forEach(outcome -> out.println(outcome.line()));
        out.println(passed() + " passed, " + failed() + " failed, " + skipped() + " skipped");
        out.flush();
        if (!accessorMismatches.isEmpty()) {
            err.println(accessorMismatches.size() + " typed accessors cannot read what the API sent"
                    + " (the catalog declares another type; the value is kept as sent):");
            accessorMismatches.forEach((what, labels) -> err.println("  " + what + " (recordings " + String.join(", ", labels) + ")"));
        }
        if (!rawValues.isEmpty()) {
            err.println(rawValues.size() + " request values do not fit their declared type and were sent as raw JSON:");
            rawValues.forEach((what, labels) -> err.println("  " + what + " (recordings " + String.join(", ", labels) + ")"));
        }
        err.flush();
    }
}
