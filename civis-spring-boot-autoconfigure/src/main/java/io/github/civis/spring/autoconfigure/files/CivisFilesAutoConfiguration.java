package io.github.civis.spring.autoconfigure.files;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.FilesApi;
import io.github.civis.client.api.ReactiveFilesApi;
import io.github.civis.client.files.CivisFiles;
import io.github.civis.client.files.FileTransferListener;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.files.ReactiveCivisFiles;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisClientCustomizer;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * Auto-configuration of Civis file transfers: applies {@code civis.files.*} and every
 * {@link FileTransferListener} bean to the client, and exposes {@code client.files()} and
 * {@code client.reactiveFiles()} as the beans {@code civisFiles} and {@code reactiveCivisFiles}
 * (also named {@code filesApi} and {@code reactiveFilesApi}: they are the files API group too).
 *
 * <p>Runs before {@link CivisAutoConfiguration} so that its per-group registrar finds these beans
 * and registers no second bean of the files group's types.
 */
@AutoConfiguration(before = CivisAutoConfiguration.class)
@ConditionalOnClass({ CivisClient.class, CivisFiles.class })
@EnableConfigurationProperties(CivisProperties.class)
public final class CivisFilesAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    CivisClientCustomizer civisFilesCustomizer(CivisProperties properties,
            ObjectProvider<FileTransferListener> listeners) {
        return builder -> builder.fileTransfers(settings(properties.getFiles(), listeners.orderedStream().toList()));
    }

    @Bean(name = { "civisFiles", "filesApi" })
    @ConditionalOnMissingBean({ CivisFiles.class, FilesApi.class })
    CivisFiles civisFiles(CivisClient client) {
        return client.files();
    }

    @Bean(name = { "reactiveCivisFiles", "reactiveFilesApi" })
    @ConditionalOnMissingBean({ ReactiveCivisFiles.class, ReactiveFilesApi.class })
    ReactiveCivisFiles reactiveCivisFiles(CivisClient client) {
        return client.reactiveFiles();
    }

    static FileTransferSettings settings(CivisProperties.Files properties, List<FileTransferListener> listeners) {
        FileTransferListener listener = event -> listeners.forEach(each -> each.onTransfer(event));
        return new FileTransferSettings(properties.getMultipartThreshold().toBytes(), properties.getPartConcurrency(),
                properties.getTransferTimeout(), listeners.isEmpty() ? FileTransferListener.NONE : listener);
    }

}
