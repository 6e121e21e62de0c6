package io.github.civis.client.runs;

import io.github.civis.client.error.CivisException;
import io.github.civis.client.model.JobRun;
import org.jspecify.annotations.Nullable;

/**
 * How one of several awaited runs ended: its final state when it succeeded, else the exception
 * waiting for it raised ({@link CivisRunFailedException}, {@link CivisRunTimeoutException}, …).
 *
 * @param jobId the job's id
 * @param runId the run's id
 * @param run the run as it ended, when it succeeded
 * @param failure why it did not succeed, else {@code null}
 */
public record RunResult(long jobId, long runId, @Nullable JobRun run, @Nullable CivisException failure) {

    /** Whether the run succeeded. */
    public boolean succeeded() {
        return failure == null;
    }
}
