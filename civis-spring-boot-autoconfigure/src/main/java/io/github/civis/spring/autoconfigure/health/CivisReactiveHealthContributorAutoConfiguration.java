package io.github.civis.spring.autoconfigure.health;

import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.github.civis.client.CivisClient;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

/**
 * Auto-configuration of the reactive {@code civis} health indicator, when Reactor is on the class
 * path: the check then never holds a thread while it waits for the API, whatever the kind of
 * application (Boot's health endpoint adapts a reactive indicator for a servlet one). Runs before
 * {@link CivisHealthContributorAutoConfiguration}, which then backs off.
 * {@code management.health.civis.enabled=false} turns it off.
 */
@AutoConfiguration(after = CivisAutoConfiguration.class)
@ConditionalOnClass({ CivisClient.class, Flux.class, ReactiveHealthIndicator.class,
        ConditionalOnEnabledHealthIndicator.class })
public final class CivisReactiveHealthContributorAutoConfiguration {

    /**
     * Nested so that the health module's own condition is read only once its classes are known
     * to be there.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnEnabledHealthIndicator("civis")
    @Import(CivisHealthCheckConfiguration.class)
    static class CivisReactiveHealthIndicatorConfiguration {

        // Named civisHealthContributor: the health component is "civis" either way, and a user's
        // bean of either name replaces it.
        @Bean
        @ConditionalOnMissingBean(name = { "civisHealthIndicator", "civisHealthContributor" })
        CivisReactiveHealthIndicator civisHealthContributor(CivisHealthCheck check) {
            return new CivisReactiveHealthIndicator(check);
        }

    }

}
