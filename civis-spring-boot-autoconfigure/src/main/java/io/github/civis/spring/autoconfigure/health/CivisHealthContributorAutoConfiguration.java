package io.github.civis.spring.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.github.civis.client.CivisClient;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

/**
 * Auto-configuration of the blocking {@code civis} health indicator, for an application without
 * Reactor on the class path. It runs after {@link CivisReactiveHealthContributorAutoConfiguration}
 * and backs off when that one (or the user) has registered a {@code civis} contributor.
 * {@code management.health.civis.enabled=false} turns it off.
 */
@AutoConfiguration(after = { CivisAutoConfiguration.class, CivisReactiveHealthContributorAutoConfiguration.class })
@ConditionalOnClass({ CivisClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class CivisHealthContributorAutoConfiguration {

    /**
     * Nested so that the health module's own condition is read only once its classes are known
     * to be there.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnEnabledHealthIndicator("civis")
    @Import(CivisHealthCheckConfiguration.class)
    static class CivisHealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = { "civisHealthIndicator", "civisHealthContributor" })
        CivisHealthIndicator civisHealthContributor(CivisHealthCheck check) {
            return new CivisHealthIndicator(check);
        }

    }

}
