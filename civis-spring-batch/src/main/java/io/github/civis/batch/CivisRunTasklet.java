package io.github.civis.batch;

import java.time.Duration;
import java.util.Objects;

import io.github.civis.client.model.JobRunOutput;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.RunOutputs;
import io.github.civis.client.runs.RunState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs a Civis job (a script, an import, a template's new script, a SQL script) and awaits it
 * through the runs workflow. The run succeeding completes the step; failing, it fails the step
 * with the platform's error and the run's last log lines in the exit description. The run's
 * outputs go into the step's {@link ExecutionContext}: {@code <name>.output.<output name>} holds a
 * file output's id ({@code long}) or a JSON value output as JSON text.
 *
 * <p><strong>Stop.</strong> Stopping the job ({@code JobOperator.stop}) cancels the Civis run.
 * <strong>Restart.</strong> The run's job and run ids are kept in the execution context
 * ({@code <name>.job.id}, {@code <name>.run.id}), saved at once through the {@link JobRepository}
 * when one is given; a restarted step re-attaches to a run that is still going, or that
 * succeeded, instead of starting a second one, and starts a new run only after a failed or
 * cancelled one.
 *
 * <pre class="code">
 * &#64;Bean
 * Step refresh(JobRepository jobRepository, CivisClient client) {
 *     return new StepBuilder("refresh", jobRepository)
 *         .tasklet(new CivisRunTaskletBuilder()
 *             .client(client)
 *             .jobRepository(jobRepository)
 *             .jobId(4242)
 *             .timeout(Duration.ofHours(2))
 *             .build())
 *         .build();
 * }
 * </pre>
 */
public class CivisRunTasklet implements StoppableTasklet {

    static final String JOB_ID = "job.id";
    static final String RUN_ID = "run.id";
    static final String OUTPUT = "output.";

    private static final Log logger = LogFactory.getLog(CivisRunTasklet.class);

    private final CivisRuns runs;
    private final RunStarter starter;
    private final Duration timeout;
    private final String name;
    private final @Nullable JobRepository jobRepository;

    private volatile @Nullable CivisRun current;
    private volatile boolean stopped;

    /**
     * A tasklet; {@link CivisRunTaskletBuilder} is the usual way to make one.
     * @param runs the runs workflow
     * @param starter starts the run
     * @param timeout the longest wait for the run
     * @param name the prefix of the tasklet's keys in the execution context
     * @param jobRepository saves the run's ids as soon as it has started, or {@code null}
     */
    public CivisRunTasklet(CivisRuns runs, RunStarter starter, Duration timeout, String name,
            @Nullable JobRepository jobRepository) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.name = Objects.requireNonNull(name, "name");
        this.jobRepository = jobRepository;
    }

    @Override
    public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution stepExecution = chunkContext.getStepContext().getStepExecution();
        ExecutionContext context = stepExecution.getExecutionContext();
        stopped = false;
        CivisRun run = previousRun(context);
        if (run == null) {
            run = starter.start(runs);
            context.putLong(key(JOB_ID), run.jobId());
            context.putLong(key(RUN_ID), run.runId());
            if (jobRepository != null) {
                jobRepository.updateExecutionContext(stepExecution);
            }
            logger.info("Started run " + run.runId() + " of Civis job " + run.jobId());
        }
        current = run;
        if (stopped) {
            // stop() came between the start and here.
            run.cancel();
        }
        try {
            run.await(timeout);
        }
        catch (CivisRunFailedException ex) {
            if (stopped) {
                // Cancelled by stop(): the step ends stopped, and can be restarted.
                stepExecution.setTerminateOnly();
                contribution.setExitStatus(ExitStatus.STOPPED.addExitDescription(String.valueOf(ex.getMessage())));
                return RepeatStatus.FINISHED;
            }
            contribution.setExitStatus(ExitStatus.FAILED.addExitDescription(String.valueOf(ex.getMessage())));
            throw ex;
        }
        finally {
            current = null;
        }
        RunOutputs outputs = run.outputs();
        for (JobRunOutput output : outputs.list()) {
            String outputName = output.name();
            if (outputName == null) {
                continue;
            }
            if ("JSONValue".equalsIgnoreCase(output.objectType())) {
                context.putString(key(OUTPUT + outputName), outputs.jsonValue(outputName).toString());
            }
            else if (output.objectId() != null) {
                context.putLong(key(OUTPUT + outputName), output.objectId());
            }
        }
        contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("Run " + run.runId() + " of Civis job "
                + run.jobId() + " succeeded"));
        return RepeatStatus.FINISHED;
    }

    /**
     * Cancels the Civis run the tasklet is waiting for; the step then ends stopped.
     * @deprecated as in {@link StoppableTasklet}: Spring Batch calls {@link #stop(StepExecution)}
     */
    @Override
    @Deprecated(since = "6.0")
    @SuppressWarnings("removal")
    public void stop() {
        stopped = true;
        CivisRun run = current;
        if (run != null) {
            RunState state = run.cancel();
            logger.info("Cancelled run " + run.runId() + " of Civis job " + run.jobId() + " on stop: " + state.wireName());
        }
    }

    /** Cancels the Civis run the tasklet is waiting for; the step then ends stopped. */
    @Override
    @SuppressWarnings("removal")
    public void stop(StepExecution stepExecution) {
        stop();
    }

    /** The run of a previous execution of the step, when it is still going or has succeeded. */
    private @Nullable CivisRun previousRun(ExecutionContext context) {
        if (!context.containsKey(key(JOB_ID)) || !context.containsKey(key(RUN_ID))) {
            return null;
        }
        long jobId = context.getLong(key(JOB_ID));
        long runId = context.getLong(key(RUN_ID));
        CivisRun previous = runs.attach(jobId, runId);
        RunState state = previous.state();
        if (state == RunState.FAILED || state == RunState.CANCELLED) {
            return null;
        }
        logger.info("Re-attached to run " + runId + " of Civis job " + jobId + " (" + state.wireName() + ")");
        return previous;
    }

    private String key(String suffix) {
        return name + "." + suffix;
    }

    /** Starts the run a {@link CivisRunTasklet} awaits. */
    @FunctionalInterface
    public interface RunStarter {

        /**
         * Starts the run.
         * @param runs the runs workflow
         * @return the run
         */
        CivisRun start(CivisRuns runs);
    }
}
