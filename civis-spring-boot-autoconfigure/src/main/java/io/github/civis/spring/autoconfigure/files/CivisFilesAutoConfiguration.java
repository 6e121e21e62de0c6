package io.github.civis.spring.autoconfigure.files;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.github.civis.client.CivisClient;
import io.github.civis.client.files.CivisFileTransfers;
import io.github.civis.client.files.FileTransferListener;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisClientCustomizer;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * Auto-configuration of Civis file transfers: gives the client's builder {@code civis.files.*}
 * and every {@link FileTransferListener} bean, and exposes {@code client.fileTransfers()} and
 * {@code client.reactiveFileTransfers()} as the beans {@code civisFileTransfers} and
 * {@code reactiveCivisFileTransfers}. The {@code files} API group is a bean like every other
 * group ({@code filesApi}, {@code reactiveFilesApi}).
 */
@AutoConfiguration(after = CivisAutoConfiguration.class)
@ConditionalOnClass({ CivisClient.class, CivisFileTransfers.class })
@EnableConfigurationProperties(CivisProperties.class)
public final class CivisFilesAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    CivisClientCustomizer civisFilesCustomizer(CivisProperties properties,
            ObjectProvider<FileTransferListener> listeners) {
        return builder -> {
            builder.fileTransfers(settings(properties.getFiles()));
            listeners.orderedStream().forEach(builder::fileTransferListener);
        };
    }

    @Bean
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    CivisFileTransfers civisFileTransfers(CivisClient client) {
        return client.fileTransfers();
    }

    @Bean
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    ReactiveCivisFileTransfers reactiveCivisFileTransfers(CivisClient client) {
        return client.reactiveFileTransfers();
    }

    static FileTransferSettings settings(CivisProperties.Files properties) {
        return new FileTransferSettings(properties.getMultipartThreshold().toBytes(), properties.getPartConcurrency(),
                properties.getTransferTimeout(), FileTransferListener.NONE);
    }

}
