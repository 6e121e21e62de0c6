package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.civis.client.CivisClient;
import io.github.civis.client.internal.transport.DefaultCivisTransport;
import io.github.civis.client.internal.transport.TransportSettings;
import io.github.civis.spring.autoconfigure.files.CivisFilesAutoConfiguration;
import io.github.civis.spring.autoconfigure.ratelimit.CivisRateLimitAutoConfiguration;
import io.github.civis.spring.autoconfigure.runs.CivisRunsAutoConfiguration;

/**
 * Tests for {@link CivisProperties}: defaults and the startup checks of bad input.
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
            CivisProperties.Retry retry = properties.getRetry();
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
                CivisProperties.Retry retry = properties.getRetry();
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
                CivisProperties.Retry retry = context.getBean(CivisProperties.class).getRetry();
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
    void everyImpossibleSettingIsReportedInOneFailureWithItsKeyAndValue() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(CivisFilesAutoConfiguration.class,
                    CivisRateLimitAutoConfiguration.class, CivisRunsAutoConfiguration.class))
            .withPropertyValues("civis.connect-timeout=0s", "civis.retry.max-attempts=0",
                    "civis.files.part-concurrency=0", "civis.rate-limit.general=lots",
                    "civis.runs.poll.multiplier=0.5")
            .run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("civis.connect-timeout must be a positive duration, was PT0S")
                .hasStackTraceContaining("civis.retry.max-attempts must be at least 1, was 0")
                .hasStackTraceContaining("civis.files.part-concurrency must be at least 1, was 0")
                .hasStackTraceContaining("civis.rate-limit.general: A rate limit is written <requests>/<window>, "
                        + "e.g. 1000/300s, not 'lots'")
                .hasStackTraceContaining("civis.runs.poll.multiplier must be at least 1, was 0.5"));
    }

    @Test
    void everyMisspeltKeyIsReportedInOneFailure() {
        this.contextRunner.withPropertyValues("civis.retry.max-atempts=3", "civis.file.multipart-threshold=64MB",
                "civis.lookup.cache-tll=1m")
            .run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOfSatisfying(CivisUnknownPropertyException.class,
                        failure -> assertThat(failure.suggestions()).containsExactly(
                                entry("civis.retry.max-atempts", "civis.retry.max-attempts"),
                                entry("civis.file.multipart-threshold", "civis.files.multipart-threshold"),
                                entry("civis.lookup.cache-tll", "civis.lookup.cache-ttl")));
            });
    }

    @Test
    void unknownRetryableMethodFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.retry.retryable-methods=GET,FETCH")
            .run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining("civis.retry.retryable-methods")
                .hasStackTraceContaining("FETCH"));
    }

}
