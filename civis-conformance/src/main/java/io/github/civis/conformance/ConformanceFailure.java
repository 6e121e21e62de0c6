package io.github.civis.conformance;

/**
 * A recording did not conform; the message is the reason printed on its {@code FAIL} line.
 * Thrown inside the runner only, so that each check can stop a recording where it fails.
 */
final class ConformanceFailure extends RuntimeException {

    ConformanceFailure(String reason) {
        super(reason, null, false, false);
    }
}
