package io.github.civis.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.civis.spring.autoconfigure.CivisApiStub;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

/**
 * Tests for {@link CivisHealthContributorAutoConfiguration} and the blocking
 * {@link CivisHealthIndicator}: the application has no Reactor on its class path, so the reactive
 * auto-configuration (listed too, as in an application) stands aside.
 */
class CivisHealthContributorAutoConfigurationTests {

    private static final String SECRET = "s3cr3t-civis-key-0042";

    private final CivisApiStub api = new CivisApiStub();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class,
                CivisReactiveHealthContributorAutoConfiguration.class, CivisHealthContributorAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(Flux.class))
        .withPropertyValues("civis.api-key=" + SECRET, "civis.base-url=" + this.api.baseUrl());

    @AfterEach
    void stopApi() {
        this.api.close();
    }

    @Test
    void blockingIndicatorWithoutReactor() {
        this.contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CivisHealthIndicator.class);
            assertThat(context.getBean("civisHealthContributor")).isInstanceOf(CivisHealthIndicator.class);
            assertThat(context).doesNotHaveBean(CivisReactiveHealthIndicator.class);
            assertThat(context).hasSingleBean(CivisHealthCheck.class);
        });
    }

    @Test
    void disabledByProperty() {
        this.contextRunner.withPropertyValues("management.health.civis.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(CivisHealthIndicator.class);
            assertThat(context).doesNotHaveBean(CivisHealthCheck.class);
            assertThat(context).hasBean("credentialsApi");
        });
    }

    @Test
    void disabledWithAllHealthIndicatorsOff() {
        this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("civisHealthContributor"));
    }

    @Test
    void absentWithoutClient() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CivisReactiveHealthContributorAutoConfiguration.class,
                    CivisHealthContributorAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(Flux.class))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CivisHealthCheck.class));
    }

    @Test
    void absentWithoutHealthModule() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("civisHealthIndicator"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "civisHealthIndicator", "civisHealthContributor" })
    void userIndicatorWins(String name) {
        this.contextRunner.withBean(name, HealthIndicator.class, () -> () -> Health.up().build())
            .run(context -> assertThat(context).doesNotHaveBean(CivisHealthIndicator.class)
                .hasSingleBean(HealthIndicator.class));
    }

    @Test
    void upWithDetails() {
        this.contextRunner.run(context -> {
            Health health = context.getBean(CivisHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("baseUrl", this.api.baseUrl())
                .containsEntry("user", CivisApiStub.USERNAME)
                .containsKey("latencyMs");
            assertThat(this.api.takeRequest().getUrl().encodedPath()).isEqualTo("/users/me");
            assertThat(health.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void downWithReasonOnBadKey() {
        this.api.answerWith(401);
        this.contextRunner.run(context -> {
            Health health = context.getBean(CivisHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("reason", "bad key")
                .containsEntry("baseUrl", this.api.baseUrl());
            assertThat(health.getDetails().get("message").toString()).contains("civis.api-key");
            assertThat(health.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void downWithReasonWhenUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        this.contextRunner.withPropertyValues("civis.base-url=http://127.0.0.1:" + closedPort + "/").run(context -> {
            Health health = context.getBean(CivisHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("reason", "unreachable");
            assertThat(health.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void downWithReasonOnTimeout() {
        this.api.delayBy(2000);
        this.contextRunner.withPropertyValues("civis.health.timeout=200ms").run(context -> {
            long start = System.nanoTime();
            Health health = context.getBean(CivisHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("reason", "timeout");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
        });
    }

    @Test
    void resultIsCached() {
        this.contextRunner.run(context -> {
            HealthIndicator indicator = context.getBean(CivisHealthIndicator.class);
            for (int i = 0; i < 5; i++) {
                assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            }
            assertThat(this.api.requestCount()).isEqualTo(1);
        });
    }

    @Test
    void downResultIsCachedToo() {
        this.api.answerWith(401);
        this.contextRunner.run(context -> {
            HealthIndicator indicator = context.getBean(CivisHealthIndicator.class);
            indicator.health();
            indicator.health();
            assertThat(this.api.requestCount()).isEqualTo(1);
        });
    }

    @Test
    void cacheCanBeTurnedOff() {
        this.contextRunner.withPropertyValues("civis.health.cache-ttl=0").run(context -> {
            HealthIndicator indicator = context.getBean(CivisHealthIndicator.class);
            indicator.health();
            indicator.health();
            assertThat(this.api.requestCount()).isEqualTo(2);
        });
    }

    @Test
    void cacheExpires() {
        this.contextRunner.withPropertyValues("civis.health.cache-ttl=100ms").run(context -> {
            HealthIndicator indicator = context.getBean(CivisHealthIndicator.class);
            indicator.health();
            Thread.sleep(300);
            indicator.health();
            assertThat(this.api.requestCount()).isEqualTo(2);
        });
    }

}
