package io.github.civis.spring.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.civis.client.CivisClient;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisConnectionDetails;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * Auto-configuration of the {@code civis} health indicator: reactive in a reactive web
 * application, blocking otherwise, both over one cached {@link CivisHealthCheck}.
 * {@code management.health.civis.enabled=false} removes it.
 */
@AutoConfiguration(after = CivisAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, CivisClient.class })
public final class CivisHealthContributorAutoConfiguration {

    /**
     * Nested so that the health module's own condition is read only once its classes are known
     * to be there.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnEnabledHealthIndicator("civis")
    static class CivisHealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CivisHealthCheck civisHealthCheck(CivisClient client, CivisConnectionDetails connectionDetails,
                CivisProperties properties) {
            return new CivisHealthCheck(client, connectionDetails.baseUrl(), properties.getHealth().getTimeout(),
                    properties.getHealth().getCacheTtl());
        }

        // Both are named civisHealthIndicator so that the component is "civis" either way.

        @Bean
        @ConditionalOnWebApplication(type = Type.REACTIVE)
        @ConditionalOnMissingBean(name = "civisHealthIndicator")
        CivisReactiveHealthIndicator civisHealthIndicator(CivisHealthCheck check) {
            return new CivisReactiveHealthIndicator(check);
        }

        @Bean(name = "civisHealthIndicator")
        @ConditionalOnMissingBean(name = "civisHealthIndicator")
        CivisHealthIndicator civisBlockingHealthIndicator(CivisHealthCheck check) {
            return new CivisHealthIndicator(check);
        }

    }

}
