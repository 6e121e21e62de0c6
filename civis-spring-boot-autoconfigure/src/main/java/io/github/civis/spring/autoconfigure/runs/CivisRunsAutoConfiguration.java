package io.github.civis.spring.autoconfigure.runs;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

import io.github.civis.client.CivisClient;
import io.github.civis.client.runs.AwaitOutcome;
import io.github.civis.client.runs.CivisRunListener;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.ReactiveCivisRuns;
import io.github.civis.client.runs.RunState;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * Auto-configuration of the runs of the {@link CivisClient}: {@code reactiveCivisRuns} and
 * {@code civisRuns}, polling as {@code civis.runs.poll.*} says and telling every
 * {@link CivisRunListener} bean (such as the run metrics) about waits and polls.
 */
@AutoConfiguration(after = CivisAutoConfiguration.class)
@ConditionalOnClass({ CivisClient.class, CivisRuns.class })
@ConditionalOnBean(CivisClient.class)
@EnableConfigurationProperties(CivisProperties.class)
public final class CivisRunsAutoConfiguration {

    // Lazy: making the runs makes the client's jobs, scripts and JSON-values APIs, whose classes
    // load about 120 request types; an application that never starts a run should not pay that
    // at start-up.
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    ReactiveCivisRuns reactiveCivisRuns(CivisClient client, CivisProperties properties,
            ObjectProvider<CivisRunListener> listeners) {
        return client.reactiveRuns().withPolling(properties.getRuns().toPolling())
            .withListener(new CompositeRunListener(listeners.orderedStream().toList()));
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    CivisRuns civisRuns(ReactiveCivisRuns reactiveCivisRuns) {
        return CivisRuns.of(reactiveCivisRuns);
    }

    /** Tells every listener in order; each is guarded by the client, which logs and ignores its failures. */
    private record CompositeRunListener(List<CivisRunListener> listeners) implements CivisRunListener {

        @Override
        public void awaitStarted(long jobId, long runId) {
            this.listeners.forEach(listener -> listener.awaitStarted(jobId, runId));
        }

        @Override
        public void polled(long jobId, long runId, RunState state) {
            this.listeners.forEach(listener -> listener.polled(jobId, runId, state));
        }

        @Override
        public void pollFailed(long jobId, long runId, Throwable failure, int consecutive) {
            this.listeners.forEach(listener -> listener.pollFailed(jobId, runId, failure, consecutive));
        }

        @Override
        public void awaitEnded(long jobId, long runId, AwaitOutcome outcome, Duration waited) {
            this.listeners.forEach(listener -> listener.awaitEnded(jobId, runId, outcome, waited));
        }

    }

}
