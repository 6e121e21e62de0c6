package io.github.civis.client.runs;

import io.github.civis.client.error.CivisInterruptedException;

/**
 * The thread waiting for a run, or for a call about it, was interrupted. Waiting (and polling)
 * stopped, the thread's interrupt flag is set again, and the run itself goes on.
 */
public class CivisRunInterruptedException extends CivisInterruptedException {

    private final long jobId;
    private final long runId;

    /**
     * Creates the exception.
     * @param jobId the job's id
     * @param runId the run's id
     * @param cause the interruption
     */
    public CivisRunInterruptedException(long jobId, long runId, InterruptedException cause) {
        this(jobId, runId, "Interrupted while waiting for run " + runId + " of job " + jobId + "; the run goes on",
                cause);
    }

    /**
     * Creates the exception for a call about the run.
     * @param jobId the job's id
     * @param runId the run's id
     * @param message what was under way, naming the run, and what became of it
     * @param cause the interruption
     */
    public CivisRunInterruptedException(long jobId, long runId, String message, InterruptedException cause) {
        super(message, cause);
        this.jobId = jobId;
        this.runId = runId;
    }

    /** The job's id. */
    public long jobId() {
        return jobId;
    }

    /** The run's id. */
    public long runId() {
        return runId;
    }
}
