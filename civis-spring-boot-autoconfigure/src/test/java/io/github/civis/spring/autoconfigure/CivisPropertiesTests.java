package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.civis.client.CivisClient;
import io.github.civis.client.internal.transport.DefaultCivisTransport;
import io.github.civis.client.internal.transport.TransportSettings;

/**
 * Tests for {@link CivisProperties} and {@link CivisRetryProperties}: defaults and the startup
 * checks of bad input.
 */
class CivisPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key");

    @Test
    void defaults() {
        this.contextRunner.run(context -> {
            CivisProperties properties = context.getBean(CivisProperties.class);
            assertThat(properties.getBaseUrl()).isEqualTo("https://api.civisanalytics.com/");
            assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.getCallTimeout()).isEqualTo(Duration.ofMinutes(2));
            assertThat(properties.getUserAgent()).isNull();
            assertThat(properties.getSsl().getBundle()).isNull();
            assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.getHealth().getCacheTtl()).isEqualTo(Duration.ofSeconds(30));
            CivisRetryProperties retry = context.getBean(CivisRetryProperties.class);
            assertThat(retry.getMaxAttempts()).isEqualTo(10);
            assertThat(retry.getMaxElapsed()).isEqualTo(Duration.ofSeconds(600));
            assertThat(retry.getInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(retry.getMaxBackoff()).isEqualTo(Duration.ofSeconds(60));
            assertThat(retry.getRetryableMethods()).containsExactly("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
        });
    }

    @Test
    void bindsEverySetting() {
        this.contextRunner
            .withPropertyValues("civis.connect-timeout=2s", "civis.response-timeout=3m", "civis.call-timeout=4m",
                    "civis.user-agent=my-app/1",
                    "civis.health.timeout=250ms", "civis.health.cache-ttl=0", "civis.retry.max-attempts=3",
                    "civis.retry.max-elapsed=30s", "civis.retry.initial-backoff=100ms", "civis.retry.max-backoff=5s",
                    "civis.retry.retryable-methods=GET,PATCH")
            .run(context -> {
                CivisProperties properties = context.getBean(CivisProperties.class);
                assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofMinutes(3));
                assertThat(properties.getCallTimeout()).isEqualTo(Duration.ofMinutes(4));
                TransportSettings settings = ((DefaultCivisTransport) context.getBean(CivisClient.class)
                    .transport()).settings();
                assertThat(settings.responseTimeout()).isEqualTo(Duration.ofMinutes(3));
                assertThat(settings.callTimeout()).isEqualTo(Duration.ofMinutes(4));
                assertThat(properties.getUserAgent()).isEqualTo("my-app/1");
                assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofMillis(250));
                assertThat(properties.getHealth().getCacheTtl()).isZero();
                CivisRetryProperties retry = context.getBean(CivisRetryProperties.class);
                assertThat(retry.getMaxAttempts()).isEqualTo(3);
                assertThat(retry.getMaxElapsed()).isEqualTo(Duration.ofSeconds(30));
                assertThat(retry.getInitialBackoff()).isEqualTo(Duration.ofMillis(100));
                assertThat(retry.getMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
                assertThat(retry.getRetryableMethods()).containsExactly("GET", "PATCH");
            });
    }

    @Test
    void retrySettingsFromEnvironmentVariables() {
        this.contextRunner
            .withInitializer(FakeSystemEnvironment
                .of(Map.of("CIVIS_RETRY_MAX_ATTEMPTS", "3", "CIVIS_RETRY_MAX_BACKOFF", "5s")))
            .run(context -> {
                CivisRetryProperties retry = context.getBean(CivisRetryProperties.class);
                assertThat(retry.getMaxAttempts()).isEqualTo(3);
                assertThat(retry.getMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
            });
    }

    @Test
    void zeroConnectTimeoutFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.connect-timeout=0s")
            .run(context -> assertThat(context).getFailure().hasStackTraceContaining("civis.connect-timeout"));
    }

    @Test
    void negativeResponseTimeoutFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.response-timeout=-1s")
            .run(context -> assertThat(context).getFailure().hasStackTraceContaining("civis.response-timeout"));
    }

    @Test
    void zeroCallTimeoutFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.call-timeout=0s")
            .run(context -> assertThat(context).getFailure().hasStackTraceContaining("civis.call-timeout"));
    }

    @Test
    void zeroHealthTimeoutFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.health.timeout=0ms")
            .run(context -> assertThat(context).getFailure().hasStackTraceContaining("civis.health.timeout"));
    }

    @Test
    void unknownRetrySettingFails() {
        this.contextRunner.withPropertyValues("civis.retry.foo=1")
            .run(context -> assertThat(context).getFailure().hasStackTraceContaining("civis.retry.foo"));
    }

    @Test
    void zeroMaxAttemptsFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.retry.max-attempts=0")
            .run(context -> assertThat(context).getFailure().hasStackTraceContaining("civis.retry.max-attempts"));
    }

    @Test
    void unknownRetryableMethodFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.retry.retryable-methods=GET,FETCH")
            .run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("civis.retry.retryable-methods")
                .hasStackTraceContaining("FETCH"));
    }

}
