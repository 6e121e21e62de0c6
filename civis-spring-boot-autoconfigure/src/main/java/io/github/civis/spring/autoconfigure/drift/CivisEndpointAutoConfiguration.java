package io.github.civis.spring.autoconfigure.drift;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.civis.catalog.surface.ApiSurface;
import io.github.civis.client.CivisClient;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

/**
 * Auto-configuration of the {@code civis} actuator endpoint ({@link CivisEndpoint}), available
 * and exposed like any other endpoint ({@code management.endpoints.web.exposure.include=civis}).
 */
@AutoConfiguration(after = { CivisAutoConfiguration.class, CivisDriftAutoConfiguration.class })
@ConditionalOnClass({ CivisClient.class, ApiSurface.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(CivisClient.class)
public final class CivisEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    CivisEndpoint civisEndpoint(CivisClient client, ObjectProvider<CivisDriftMonitor> monitor) {
        return new CivisEndpoint(client, monitor.getIfAvailable());
    }

}
