package io.github.civis.conformance;

/**
 * A recording the typed API cannot express at all, e.g. a non-numeric value where the route
 * declares an integer id: no call of the generated method can send that request, so the
 * recording is reported as {@code SKIP} and counted apart, neither passed nor failed. Thrown
 * inside the runner only.
 */
final class InexpressibleRecording extends RuntimeException {

    InexpressibleRecording(String reason) {
        super(reason, null, false, false);
    }
}
