package io.github.civis.spring.autoconfigure.actuate;

import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.civis.client.CivisClient;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisConnectionDetails;

/**
 * Auto-configuration of the {@link CivisInfoContributor}, switched by
 * {@code management.info.civis.enabled}.
 */
@AutoConfiguration(after = CivisAutoConfiguration.class)
@ConditionalOnClass({ InfoContributor.class, ConditionalOnEnabledInfoContributor.class, CivisClient.class })
public final class CivisInfoContributorAutoConfiguration {

    /**
     * Nested so that actuator's own condition is read only once its classes are known to be
     * there.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnEnabledInfoContributor("civis")
    static class CivisInfoContributorConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CivisInfoContributor civisInfoContributor(CivisConnectionDetails connectionDetails) {
            return new CivisInfoContributor(connectionDetails.baseUrl());
        }

    }

}
