package io.github.civis.spring.autoconfigure.runs;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.github.civis.client.CivisClient;
import io.github.civis.client.runs.AwaitOutcome;
import io.github.civis.client.runs.CivisRunListener;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.ReactiveCivisRuns;
import io.github.civis.client.runs.RunState;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisClientCustomizer;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * Auto-configuration of the runs of the {@link CivisClient}: gives the client's builder the polling
 * of {@code civis.runs.poll.*} and every {@link CivisRunListener} bean (such as the run metrics),
 * and exposes {@code client.reactiveRuns()} and {@code client.runs()} as the beans
 * {@code reactiveCivisRuns} and {@code civisRuns}. SQL and table transfers wait through the same
 * runs, so their waits are polled and heard alike.
 */
@AutoConfiguration(after = CivisAutoConfiguration.class)
@ConditionalOnClass({ CivisClient.class, CivisRuns.class })
@EnableConfigurationProperties(CivisProperties.class)
public final class CivisRunsAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    CivisClientCustomizer civisRunsCustomizer(CivisProperties properties, ObjectProvider<CivisRunListener> listeners) {
        // The listeners are looked up when a run is heard of, not when the client is built: a listener
        // bean may itself need the client (or something that does), which would otherwise be a cycle.
        return builder -> builder.runPolling(properties.getRuns().toPolling())
            .runListener(new RunListenerBeans(listeners));
    }

    // Lazy: making the runs makes the client's jobs, scripts and JSON-values APIs, whose classes
    // load about 120 request types; an application that never starts a run should not pay that
    // at start-up.
    @Bean
    @Lazy
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    ReactiveCivisRuns reactiveCivisRuns(CivisClient client) {
        return client.reactiveRuns();
    }

    @Bean
    @Lazy
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    CivisRuns civisRuns(CivisClient client) {
        return client.runs();
    }

    /** Tells every listener bean in order; each is guarded by the client, which logs and ignores its failures. */
    private record RunListenerBeans(ObjectProvider<CivisRunListener> listeners) implements CivisRunListener {

        @Override
        public void awaitStarted(long jobId, long runId) {
            this.listeners.orderedStream().forEach(listener -> listener.awaitStarted(jobId, runId));
        }

        @Override
        public void polled(long jobId, long runId, RunState state) {
            this.listeners.orderedStream().forEach(listener -> listener.polled(jobId, runId, state));
        }

        @Override
        public void pollFailed(long jobId, long runId, Throwable failure, int consecutive) {
            this.listeners.orderedStream().forEach(listener -> listener.pollFailed(jobId, runId, failure, consecutive));
        }

        @Override
        public void awaitEnded(long jobId, long runId, AwaitOutcome outcome, Duration waited) {
            this.listeners.orderedStream().forEach(listener -> listener.awaitEnded(jobId, runId, outcome, waited));
        }

    }

}
