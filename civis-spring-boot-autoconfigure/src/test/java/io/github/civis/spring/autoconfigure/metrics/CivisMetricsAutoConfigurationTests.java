package io.github.civis.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.civis.client.api.UsersApi;
import io.github.civis.spring.autoconfigure.CivisApiStub;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisClientCustomizer;

/**
 * Tests for {@link CivisMetricsAutoConfiguration} and the {@code civis.client.requests}
 * observation as Boot turns it into a timer.
 */
class CivisMetricsAutoConfigurationTests {

    private final CivisApiStub api = new CivisApiStub();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, CivisMetricsAutoConfiguration.class,
                ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key", "civis.base-url=" + this.api.baseUrl());

    @AfterEach
    void stopApi() {
        this.api.close();
    }

    @Test
    void registersAgainstASimpleMeterRegistry() {
        this.contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CivisRetryMetrics.class).hasSingleBean(CivisRateLimitMetrics.class);
            assertThat(context.getBean(MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class);
            assertThat(context).hasBean("civisRetryMetricsCustomizer");
            assertThat(context.getBean("civisRetryMetricsCustomizer")).isInstanceOf(CivisClientCustomizer.class);
        });
    }

    @Test
    void rateLimitGaugeAfterACall() {
        this.contextRunner.run(context -> {
            context.getBean(UsersApi.class).getMe();
            Gauge gauge = context.getBean(MeterRegistry.class).find(CivisRateLimitMetrics.RATE_LIMIT_REMAINING).gauge();
            assertThat(gauge).isNotNull();
        });
    }

    @Test
    void retriesCountedWithLowCardinalityTags() {
        this.contextRunner.run(context -> {
            CivisRetryMetrics metrics = context.getBean(CivisRetryMetrics.class);
            metrics.retried("users", "get_me", "GET");
            metrics.retried("users", "get_me", "GET");
            assertThat(context.getBean(MeterRegistry.class)
                .get(CivisRetryMetrics.RETRIES)
                .tags("group", "users", "operation", "get_me", "method", "GET")
                .counter()
                .count()).isEqualTo(2);
        });
    }

    @Test
    void absentWithoutMicrometer() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core."))
            .run(context -> assertThat(context).doesNotHaveBean(CivisRetryMetrics.class)
                .doesNotHaveBean(CivisRateLimitMetrics.class));
    }

    @Test
    void requestTimerPerCallWithLowCardinalityTags() {
        this.contextRunner.run(context -> {
            context.getBean(UsersApi.class).getMe();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Timer timer = registry.get("civis.client.requests")
                .tags("group", "users", "operation", "list_me", "method", "GET", "status", "200", "outcome", "SUCCESS")
                .timer();
            assertThat(timer.count()).isEqualTo(1);
            assertThat(registry.get("civis.client.requests").timer().getId().getTags())
                .extracting(tag -> tag.getKey())
                .containsExactlyInAnyOrder("group", "operation", "method", "status", "outcome", "exception", "error");
            assertThat(registry.get(CivisRateLimitMetrics.RATE_LIMIT_REMAINING).gauge().value()).isEqualTo(42);
        });
    }

}
