package io.github.civis.spring.autoconfigure.health;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.civis.client.CivisClient;
import io.github.civis.spring.autoconfigure.CivisConnectionDetails;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * The one cached {@link CivisHealthCheck} behind either indicator, imported by both health
 * auto-configurations (a configuration imported twice is registered once).
 */
@Configuration(proxyBeanMethods = false)
class CivisHealthCheckConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CivisHealthCheck civisHealthCheck(CivisClient client, CivisConnectionDetails connectionDetails,
            CivisProperties properties) {
        return new CivisHealthCheck(client, connectionDetails.baseUrl(), properties.getHealth().getTimeout(),
                properties.getHealth().getCacheTtl());
    }

}
