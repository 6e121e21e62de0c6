package io.github.civis.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.runs.RunState;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.simulator.state.RunOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tasklet against the simulator: outputs into the execution context, a failed run failing
 * the step with the platform's error and log tail, stop cancelling the run, a restart
 * re-attaching to the run still going.
 */
class CivisRunTaskletTest {

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();

    private static final BatchInfrastructure batch = new BatchInfrastructure();

    @AfterAll
    static void closeBatch() {
        batch.close();
    }

    @Test
    void succeededRunCompletesTheStepWithItsOutputsInTheContext(CivisClient client, CivisSimulator simulator)
            throws Exception {
        long jobId = job(client, "outputs");
        simulator.runOutcome(jobId, RunOutcome.succeeded()
            .jsonOutput("count", JsonNodeFactory.instance.numberNode(42))
            .fileOutput("report", "a,b\n".getBytes(StandardCharsets.UTF_8)));

        JobExecution execution = batch.jobOperator().start(job("outputs", tasklet(client, jobId, Duration.ofMinutes(2))),
                new JobParameters());

        StepExecution step = step(execution);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step.getExecutionContext().getString("civisRun.output.count")).isEqualTo("42");
        long fileId = step.getExecutionContext().getLong("civisRun.output.report");
        assertThat(client.files().get(fileId).id()).isEqualTo(fileId);
        assertThat(step.getExecutionContext().getLong("civisRun.job.id")).isEqualTo(jobId);
    }

    @Test
    void failedRunFailsTheStepWithThePlatformsErrorAndLogTail(CivisClient client, CivisSimulator simulator)
            throws Exception {
        long jobId = job(client, "failing");
        simulator.runOutcome(jobId, RunOutcome.failed("Out of memory").log(Duration.ZERO, "error", "killed by the OOM killer"));

        JobExecution execution = batch.jobOperator().start(job("failing", tasklet(client, jobId, Duration.ofMinutes(2))),
                new JobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(step(execution).getExitStatus().getExitDescription()).contains("Out of memory")
            .contains("killed by the OOM killer");
    }

    @Test
    void stopDuringTheRunCancelsItOnThePlatform(CivisClient client, CivisSimulator simulator) throws Exception {
        long jobId = job(client, "stopped");
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofMinutes(5)));
        Job job = job("stopped", tasklet(client, jobId, Duration.ofMinutes(10)));
        batch.jobRegistry().register(job);

        CompletableFuture<JobExecution> running = CompletableFuture.supplyAsync(() -> {
            try {
                return batch.jobOperator().start(job, new JobParameters());
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        JobRun run = awaitRunOf(client, jobId);
        JobExecution started = batch.jobRepository().getLastJobExecution("stopped", new JobParameters());
        batch.jobOperator().stop(started.getId());
        JobExecution ended = running.get(2, TimeUnit.MINUTES);

        assertThat(RunState.of(client.jobs().getRuns(jobId, run.id()).state())).isEqualTo(RunState.CANCELLED);
        assertThat(ended.getStatus()).isEqualTo(BatchStatus.STOPPED);
    }

    @Test
    void restartReattachesToTheRunStillGoing(CivisClient client, CivisSimulator simulator) throws Exception {
        long jobId = job(client, "slow");
        simulator.runOutcome(jobId, RunOutcome.succeeded().lasting(Duration.ofSeconds(4)));

        JobExecution timedOut = batch.jobOperator().start(job("slow", tasklet(client, jobId, Duration.ofMillis(500))),
                new JobParameters());
        JobExecution restarted = batch.jobOperator().start(job("slow", tasklet(client, jobId, Duration.ofMinutes(2))),
                new JobParameters());

        assertThat(timedOut.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(client.jobs().listRuns(jobId)).hasSize(1);
    }

    private static CivisRunTasklet tasklet(CivisClient client, long jobId, Duration timeout) {
        return new CivisRunTaskletBuilder().client(client).jobRepository(batch.jobRepository()).jobId(jobId)
            .timeout(timeout).build();
    }

    private static Job job(String name, CivisRunTasklet tasklet) {
        return new JobBuilder(name, batch.jobRepository())
            .start(new StepBuilder("run", batch.jobRepository()).tasklet(tasklet).build())
            .build();
    }

    private static long job(CivisClient client, String name) {
        return client.scripts().postPython3(b -> b.name(name).source("print(1)")).id();
    }

    private static StepExecution step(JobExecution execution) {
        return execution.getStepExecutions().iterator().next();
    }

    /** The job's first run, once the platform lists it (bounded: at most a minute). */
    private static JobRun awaitRunOf(CivisClient client, long jobId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var runs = client.jobs().listRuns(jobId);
            if (!runs.isEmpty() && RunState.of(runs.get(0).state()) == RunState.RUNNING) {
                return runs.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No run of job " + jobId + " started");
    }
}
