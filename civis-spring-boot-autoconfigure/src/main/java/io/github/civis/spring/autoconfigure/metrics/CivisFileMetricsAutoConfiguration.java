package io.github.civis.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.civis.client.files.FileTransferListener;

/**
 * Auto-configuration of the file transfer meters ({@code civis.files.transferred},
 * {@code civis.files.transfers}). The {@link CivisFileMetrics} bean is a
 * {@link FileTransferListener}, which the files auto-configuration hands to the client.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple."
                + "SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, FileTransferListener.class })
@ConditionalOnBean(MeterRegistry.class)
public final class CivisFileMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CivisFileMetrics civisFileMetrics(MeterRegistry registry) {
        return new CivisFileMetrics(registry);
    }

}
