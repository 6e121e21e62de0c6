package io.github.civis.spring.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.civis.client.CivisClient;
import io.github.civis.spring.autoconfigure.CivisConnectionDetails;
import io.github.civis.spring.autoconfigure.CivisProperties;
import io.github.civis.spring.autoconfigure.drift.CivisDriftMonitor;

/**
 * The one cached {@link CivisHealthCheck} behind either indicator, imported by both health
 * auto-configurations (a configuration imported twice is registered once).
 */
@Configuration(proxyBeanMethods = false)
class CivisHealthCheckConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CivisHealthCheck civisHealthCheck(CivisClient client, CivisConnectionDetails connectionDetails,
            CivisProperties properties, ObjectProvider<CivisDriftMonitor> driftMonitor) {
        // resolved on each check: the drift check is optional and its result changes over time
        return new CivisHealthCheck(client, connectionDetails.baseUrl(), properties.getHealth().getTimeout(),
                properties.getHealth().getCacheTtl(), () -> {
                    CivisDriftMonitor monitor = driftMonitor.getIfAvailable();
                    return (monitor != null) ? monitor.usedDrifted() : null;
                });
    }

}
