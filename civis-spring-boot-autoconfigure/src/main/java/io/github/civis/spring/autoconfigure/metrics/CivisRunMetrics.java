package io.github.civis.spring.autoconfigure.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.civis.client.runs.AwaitOutcome;
import io.github.civis.client.runs.CivisRunListener;
import io.github.civis.client.runs.RunState;

/**
 * Meters of the runs the application waits for: {@value #ACTIVE} (gauge of runs being awaited),
 * {@value #RUNS} (timer of each wait, tagged {@code outcome}: {@code succeeded}, {@code failed},
 * {@code cancelled}, {@code timeout}, and {@code stopped} or {@code error} when the wait ended
 * otherwise), {@value #POLLS} (counter of reads of a run's state) and {@value #FAILED_POLLS}
 * (counter of reads that failed and were skipped, or ended a wait). No tag carries an id, so
 * the number of series stays fixed.
 */
public class CivisRunMetrics implements CivisRunListener {

    /** Name of the gauge of runs being awaited. */
    public static final String ACTIVE = "civis.runs.active";

    /** Name of the timer of waits for runs. */
    public static final String RUNS = "civis.runs";

    /** Name of the counter of polls. */
    public static final String POLLS = "civis.runs.polls";

    /** Name of the counter of failed polls. */
    public static final String FAILED_POLLS = "civis.runs.polls.failed";

    private final MeterRegistry registry;

    private final AtomicInteger active = new AtomicInteger();

    private final Counter polls;

    private final Counter failedPolls;

    /**
     * Registers the gauge and the counters (the timer appears with the first ended wait).
     * @param registry where the meters go
     */
    public CivisRunMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(ACTIVE, this.active, AtomicInteger::get)
            .description("Civis runs being awaited")
            .register(registry);
        this.polls = Counter.builder(POLLS).description("Reads of a Civis run's state while waiting for it")
            .register(registry);
        this.failedPolls = Counter.builder(FAILED_POLLS)
            .description("Reads of a Civis run's state that failed while waiting for it")
            .register(registry);
    }

    @Override
    public void awaitStarted(long jobId, long runId) {
        this.active.incrementAndGet();
    }

    @Override
    public void polled(long jobId, long runId, RunState state) {
        this.polls.increment();
    }

    @Override
    public void pollFailed(long jobId, long runId, Throwable failure, int consecutive) {
        this.failedPolls.increment();
    }

    @Override
    public void awaitEnded(long jobId, long runId, AwaitOutcome outcome, Duration waited) {
        this.active.decrementAndGet();
        Timer.builder(RUNS)
            .description("Waits for Civis runs, by how they ended")
            .tag("outcome", outcome.tagValue())
            .register(this.registry)
            .record(waited);
    }

}
