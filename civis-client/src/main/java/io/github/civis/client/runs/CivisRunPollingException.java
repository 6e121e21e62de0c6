package io.github.civis.client.runs;

import io.github.civis.client.error.CivisException;

/**
 * Waiting for a run gave up because its state could not be read: the last
 * {@link RunPolling#maxConsecutiveFailedPolls()} polls in a row failed (answers that were not a
 * run, server errors or lost connections after the client's retries). The run itself may still
 * be going on: the caller decides whether to wait again ({@link CivisRuns#attach}) or to cancel
 * it. The cause is the last poll's failure.
 */
public class CivisRunPollingException extends CivisException {

    private final long jobId;
    private final long runId;
    private final int failedPolls;

    /**
     * Creates the exception.
     * @param jobId the job's id
     * @param runId the run's id
     * @param failedPolls how many polls in a row failed
     * @param lastFailure the last poll's failure
     */
    public CivisRunPollingException(long jobId, long runId, int failedPolls, Throwable lastFailure) {
        super("Stopped waiting for run " + runId + " of job " + jobId + " after " + failedPolls
                + " consecutive failed reads of its state; the run may still be going on (the limit is"
                + " RunPolling.maxConsecutiveFailedPolls, civis.runs.poll.max-consecutive-failures in the starter);"
                + " last failure: " + lastFailure.getMessage(), lastFailure);
        this.jobId = jobId;
        this.runId = runId;
        this.failedPolls = failedPolls;
    }

    /** The job's id. */
    public long jobId() {
        return jobId;
    }

    /** The run's id. */
    public long runId() {
        return runId;
    }

    /** How many polls in a row failed. */
    public int failedPolls() {
        return failedPolls;
    }
}
