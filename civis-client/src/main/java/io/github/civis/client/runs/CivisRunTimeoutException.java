package io.github.civis.client.runs;

import java.time.Duration;

import io.github.civis.client.error.CivisException;

/**
 * Waiting for a run took longer than the caller allowed. The run itself goes on: the caller
 * decides whether to wait again or to {@linkplain CivisRun#cancel() cancel} it.
 */
public class CivisRunTimeoutException extends CivisException {

    private final long jobId;
    private final long runId;
    private final Duration timeout;

    /**
     * Creates the exception.
     * @param jobId the job's id
     * @param runId the run's id
     * @param timeout how long the caller waited
     */
    public CivisRunTimeoutException(long jobId, long runId, Duration timeout) {
        super("Run " + runId + " of job " + jobId + " did not end within " + timeout + "; it is still running");
        this.jobId = jobId;
        this.runId = runId;
        this.timeout = timeout;
    }

    /** The job's id. */
    public long jobId() {
        return jobId;
    }

    /** The run's id. */
    public long runId() {
        return runId;
    }

    /** How long the caller waited. */
    public Duration timeout() {
        return timeout;
    }
}
