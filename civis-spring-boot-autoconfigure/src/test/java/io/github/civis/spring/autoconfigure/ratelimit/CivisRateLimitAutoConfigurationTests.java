package io.github.civis.spring.autoconfigure.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import io.github.civis.client.CivisClient;
import io.github.civis.client.ratelimit.RateLimit;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.ratelimit.RateLimitStore;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code civis.rate-limit.*} properties reach the client; bad values and a Redis store
 * without Redis stop the application with the property's name.
 */
class CivisRateLimitAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisRateLimitAutoConfiguration.class, CivisAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key", "civis.base-url=http://127.0.0.1:9/");

    @Test
    void theClientKeepsToThePlatformsLimitsByDefault() {
        this.contextRunner.run(context -> assertThat(context.getBean(CivisClient.class).rateLimitSettings())
            .isEqualTo(RateLimitSettings.defaults()));
    }

    @Test
    void propertiesSetTheBudget() {
        this.contextRunner
            .withPropertyValues("civis.rate-limit.general=60/10s", "civis.rate-limit.run-creating=5/1m",
                    "civis.rate-limit.max-wait=3s", "civis.runs.poll.budget-share=0.25")
            .run(context -> {
                RateLimitSettings settings = context.getBean(CivisClient.class).rateLimitSettings();
                assertThat(settings.general()).isEqualTo(new RateLimit(60, Duration.ofSeconds(10)));
                assertThat(settings.runCreating()).isEqualTo(new RateLimit(5, Duration.ofMinutes(1)));
                assertThat(settings.maxWait()).isEqualTo(Duration.ofSeconds(3));
                assertThat(settings.pollShare()).isEqualTo(0.25);
                assertThat(context).doesNotHaveBean(RateLimitStore.class);
            });
    }

    @Test
    void disabledSendsCallsAtOnce() {
        this.contextRunner.withPropertyValues("civis.rate-limit.enabled=false")
            .run(context -> assertThat(context.getBean(CivisClient.class).rateLimitSettings().enabled()).isFalse());
    }

    @Test
    void aBadLimitIsNamed() {
        this.contextRunner.withPropertyValues("civis.rate-limit.general=1000 per 5 minutes")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("civis.rate-limit.general"));
    }

    @Test
    void aRedisStoreWithoutSpringDataRedisSaysWhatToAdd() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
            .withPropertyValues("civis.rate-limit.store=redis")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("spring-boot-starter-data-redis"));
    }
}
