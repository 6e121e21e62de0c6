package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.civis.client.api.UsersApi;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisRetryEvent;
import io.github.civis.spring.autoconfigure.metrics.CivisMetricsAutoConfiguration;
import io.github.civis.spring.autoconfigure.metrics.CivisRetryMetrics;

/**
 * How {@code civis.retry.*} and the retry listeners behave in an application: against a local
 * server that fails once with 503, then answers.
 */
class CivisRetryConfigurationTests {

    private MockWebServer server;

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void start() throws IOException {
        this.server = new MockWebServer();
        this.server.start(InetAddress.getByName("127.0.0.1"), 0);
        this.server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":\"busy\"}").build());
        this.server.enqueue(new MockResponse.Builder().code(200)
            .setHeader("Content-Type", "application/json")
            .body("{\"id\":1,\"username\":\"alice\"}")
            .build());
        this.contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, WebClientAutoConfiguration.class,
                    CivisMetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("civis.api-key=test-key", "civis.base-url=" + this.server.url("/"),
                    "civis.retry.initial-backoff=1ms", "civis.retry.max-backoff=1ms");
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void lowerCaseRetryableMethodStillRetriesGet() {
        this.contextRunner.withPropertyValues("civis.retry.retryable-methods=get").run(context -> {
            assertThat(context.getBean(UsersApi.class).getMe().username()).isEqualTo("alice");
            assertThat(this.server.getRequestCount()).isEqualTo(2);
            assertThat(context.getBean(CivisProperties.class).getRetry().getRetryableMethods()).containsExactly("GET");
        });
    }

    @Test
    void builderListenerComposesWithRetryMetricsAndARetryIsCountedOnce() {
        List<CivisRetryEvent> told = new CopyOnWriteArrayList<>();
        CivisClientListener own = new CivisClientListener() {
            @Override
            public void onRetry(CivisRetryEvent event) {
                told.add(event);
            }
        };
        this.contextRunner.withBean(CivisClientCustomizer.class, () -> builder -> builder.listener(own))
            .run(context -> {
                context.getBean(UsersApi.class).getMe();
                assertThat(told).hasSize(1);
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get(CivisRetryMetrics.RETRIES).counter().count()).isEqualTo(1);
                double retriesCounted = registry.getMeters()
                    .stream()
                    .filter(Counter.class::isInstance)
                    .filter(meter -> meter.getId().getName().contains("retr"))
                    .mapToDouble(meter -> ((Counter) meter).count())
                    .sum();
                assertThat(retriesCounted).as("every counter of retries together").isEqualTo(1);
            });
    }

}
