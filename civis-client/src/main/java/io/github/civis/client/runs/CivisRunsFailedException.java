package io.github.civis.client.runs;

import java.util.List;

import io.github.civis.client.error.CivisException;

/**
 * Some of several awaited runs did not succeed. Carries every run's result, so that one failure
 * does not hide the others: {@link #results()} in the order the runs were given, and each
 * failure also as a {@linkplain #getSuppressed() suppressed} exception.
 */
public class CivisRunsFailedException extends CivisException {

    private final List<RunResult> results;

    /**
     * Creates the exception.
     * @param results every run's result, in the order the runs were given
     */
    public CivisRunsFailedException(List<RunResult> results) {
        super(message(results));
        this.results = List.copyOf(results);
        for (RunResult result : this.results) {
            if (result.failure() != null) {
                addSuppressed(result.failure());
            }
        }
    }

    private static String message(List<RunResult> results) {
        List<RunResult> failed = results.stream().filter(result -> !result.succeeded()).toList();
        StringBuilder message = new StringBuilder().append(failed.size()).append(" of ").append(results.size())
            .append(" runs did not succeed:");
        for (RunResult result : failed) {
            String text = String.valueOf(result.failure().getMessage());
            int newline = text.indexOf('\n');
            message.append("\n  ").append((newline >= 0) ? text.substring(0, newline) : text);
        }
        return message.toString();
    }

    /** Every run's result, in the order the runs were given. */
    public List<RunResult> results() {
        return results;
    }

    /** The results of the runs that did not succeed. */
    public List<RunResult> failures() {
        return results.stream().filter(result -> !result.succeeded()).toList();
    }
}
