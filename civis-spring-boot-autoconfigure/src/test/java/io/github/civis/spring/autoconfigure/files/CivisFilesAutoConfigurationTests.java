package io.github.civis.spring.autoconfigure.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.FilesApi;
import io.github.civis.client.api.ReactiveFilesApi;
import io.github.civis.client.files.CivisFileTransfers;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.metrics.CivisFileMetrics;
import io.github.civis.spring.autoconfigure.metrics.CivisFileMetricsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link CivisFilesAutoConfiguration} and {@link CivisFileMetricsAutoConfiguration},
 * against the simulator.
 */
class CivisFilesAutoConfigurationTests {

    private static CivisSimulator simulator;

    @TempDir
    Path directory;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisFilesAutoConfiguration.class, CivisAutoConfiguration.class,
                CivisFileMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
        .withPropertyValues("civis.api-key=" + simulator.apiKey(), "civis.base-url=" + simulator.baseUrl());

    @BeforeAll
    static void startSimulator() {
        simulator = CivisSimulator.builder().apiKey("files-test-key").build().start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    @Test
    void transferBeansAreTheClientsAndTheFilesGroupIsABeanLikeEveryGroup() {
        this.contextRunner.run(context -> {
            CivisClient client = context.getBean(CivisClient.class);
            assertThat(context.getBean("civisFileTransfers")).isSameAs(client.fileTransfers());
            assertThat(context.getBean("reactiveCivisFileTransfers")).isSameAs(client.reactiveFileTransfers());
            assertThat(context.getBean("filesApi")).isSameAs(client.files());
            assertThat(context.getBean("reactiveFilesApi")).isSameAs(client.reactiveFiles());
            assertThat(context.getBeanNamesForType(FilesApi.class)).containsExactly("filesApi");
            assertThat(context.getBeanNamesForType(ReactiveFilesApi.class)).containsExactly("reactiveFilesApi");
            assertThat(context).doesNotHaveBean("civisFiles").doesNotHaveBean("reactiveCivisFiles");
        });
    }

    @Test
    void propertiesAndMetricsApplyToTransfers() {
        this.contextRunner.withPropertyValues("civis.files.multipart-threshold=6MB", "civis.files.part-concurrency=2")
            .run(context -> {
                Path source = Files.write(this.directory.resolve("seven.bin"), randomBytes(7 * 1024 * 1024));
                CivisFileTransfers files = context.getBean(CivisFileTransfers.class);

                long id = files.upload(source, "seven.bin");
                files.download(id, this.directory.resolve("copy.bin"));

                assertThat(simulator.storage().partUploads(id)).as("uploaded in parts").isEqualTo(2);
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get(CivisFileMetrics.TRANSFERRED).tag("direction", "upload").counter().count())
                    .isEqualTo(7 * 1024 * 1024);
                assertThat(registry.get(CivisFileMetrics.TRANSFERRED).tag("direction", "download").counter().count())
                    .isEqualTo(7 * 1024 * 1024);
                Timer uploads = registry.get(CivisFileMetrics.TRANSFERS)
                    .tags("direction", "upload", "outcome", "success")
                    .timer();
                assertThat(uploads.count()).isEqualTo(1);
            });
    }

    @Test
    void invalidSettingStopsTheStartNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.files.part-concurrency=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("civis.files.part-concurrency");
        });
    }

    @Test
    void userFilesApiBeanWins() {
        this.contextRunner.withUserConfiguration(UserFilesApi.class).run(context -> {
            assertThat(context).doesNotHaveBean("filesApi");
            assertThat(context.getBean(FilesApi.class)).isSameAs(context.getBean("myFilesApi"));
            assertThat(context).hasSingleBean(CivisFileTransfers.class).hasSingleBean(ReactiveCivisFileTransfers.class);
        });
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(9).nextBytes(bytes);
        return bytes;
    }

    @Configuration(proxyBeanMethods = false)
    static class UserFilesApi {

        @Bean
        FilesApi myFilesApi() {
            return mock(FilesApi.class);
        }

    }

}
