package io.github.civis.client.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.github.civis.client.transport.OperationDescriptor;

/**
 * What an observation of one logical Civis call (all its attempts) knows: the operation, the
 * status of the last response and the number of attempts. Conventions read it to name tags.
 */
public class CivisRequestContext extends Observation.Context {

    private final OperationDescriptor operation;
    private volatile @Nullable Integer status;
    private volatile int attempts;

    /**
     * Creates the context of a call.
     * @param operation the operation called
     */
    public CivisRequestContext(OperationDescriptor operation) {
        this.operation = operation;
    }

    /** The operation called. */
    public OperationDescriptor getOperation() {
        return operation;
    }

    /** The HTTP status of the last response, or {@code null} when no response arrived. */
    public @Nullable Integer getStatus() {
        return status;
    }

    /**
     * Records the status of the latest response; {@code null} when an attempt got none.
     * @param status the status or {@code null}
     */
    public void setStatus(@Nullable Integer status) {
        this.status = status;
    }

    /** Attempts made so far. */
    public int getAttempts() {
        return attempts;
    }

    /** Counts one more attempt. */
    public void countAttempt() {
        this.attempts++;
    }
}
