package io.github.civis.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.civis.client.CivisClient;
import io.github.civis.client.ratelimit.LocalRateLimitStore;
import io.github.civis.client.ratelimit.RateLimitStore;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisClientCustomizer;

/**
 * Auto-configuration of the Civis meters that the per-call observation
 * ({@code civis.client.requests}, a timer once Boot's observation handlers are in place) does not
 * cover: the retry counter, the rate-limit gauges, the rate budget's wait timer and store fallbacks,
 * and the meters of runs ({@link CivisRunMetrics}).
 */
@AutoConfiguration(after = CivisAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
                + "SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, CivisClient.class })
@ConditionalOnBean({ MeterRegistry.class, CivisClient.class })
public final class CivisMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CivisRetryMetrics civisRetryMetrics(MeterRegistry registry) {
        return new CivisRetryMetrics(registry);
    }

    // resolved when the client is created, so being registered after it is fine
    @Bean
    CivisClientCustomizer civisRetryMetricsCustomizer(CivisRetryMetrics metrics) {
        return metrics::attachTo;
    }

    @Bean
    @ConditionalOnMissingBean
    CivisRateLimitMetrics civisRateLimitMetrics(CivisClient client) {
        return new CivisRateLimitMetrics(client);
    }

    @Bean
    @ConditionalOnMissingBean
    CivisRateBudgetMetrics civisRateBudgetMetrics(MeterRegistry registry) {
        return new CivisRateBudgetMetrics(registry);
    }

    @Bean
    CivisClientCustomizer civisRateBudgetMetricsCustomizer(CivisRateBudgetMetrics metrics) {
        return metrics::attachTo;
    }

    // with no shared store there is nothing to fall back from: the counter stays at zero
    @Bean
    @ConditionalOnMissingBean
    CivisRateLimitStoreMetrics civisRateLimitStoreMetrics(ObjectProvider<RateLimitStore> store) {
        return new CivisRateLimitStoreMetrics(store.getIfUnique(LocalRateLimitStore::new));
    }

    // a CivisRunListener, picked up by the runs beans of CivisRunsAutoConfiguration
    @Bean
    @ConditionalOnMissingBean
    CivisRunMetrics civisRunMetrics(MeterRegistry registry) {
        return new CivisRunMetrics(registry);
    }

}
