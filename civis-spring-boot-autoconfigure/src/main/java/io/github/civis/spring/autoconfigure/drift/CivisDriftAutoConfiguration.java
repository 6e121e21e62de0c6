package io.github.civis.spring.autoconfigure.drift;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.civis.catalog.surface.ApiSurface;
import io.github.civis.client.CivisClient;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * Auto-configuration of the drift check: the operations the application calls
 * ({@link CivisUsedOperations}, an observation handler), the background comparison of the
 * platform's API document with the bundled catalog ({@link CivisDriftMonitor}) and the
 * {@code civis.api.drift} gauge. Needs {@code civis-catalog} (which the starter brings);
 * {@code civis.drift.enabled=false} turns it off.
 */
@AutoConfiguration(after = CivisAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
                + "SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ CivisClient.class, ApiSurface.class })
@ConditionalOnBean(CivisClient.class)
@ConditionalOnBooleanProperty(name = "civis.drift.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CivisProperties.class)
public final class CivisDriftAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CivisUsedOperations civisUsedOperations() {
        return new CivisUsedOperations();
    }

    @Bean
    @ConditionalOnMissingBean
    CivisDriftMonitor civisDriftMonitor(CivisClient client, CivisUsedOperations used, CivisProperties properties) {
        return new CivisDriftMonitor(client, used, properties.getDrift().getRefresh());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class CivisDriftMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CivisDriftMetrics civisDriftMetrics(CivisDriftMonitor monitor) {
            return new CivisDriftMetrics(monitor);
        }

    }

}
