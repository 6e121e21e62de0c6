package io.github.civis.spring.autoconfigure.batch;

import java.nio.file.Path;
import java.time.Duration;

import io.github.civis.batch.CivisBatchBuilders;
import io.github.civis.batch.CivisTableItemWriter;
import io.github.civis.batch.CsvCells;
import io.github.civis.client.CivisClient;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.runs.CivisRunsAutoConfiguration;
import io.github.civis.spring.autoconfigure.sql.CivisSqlAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Tests for {@link CivisBatchAutoConfiguration}. */
class CivisBatchAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, CivisRunsAutoConfiguration.class,
                CivisSqlAutoConfiguration.class, CivisBatchAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key", "civis.base-url=http://127.0.0.1:9/");

    @Test
    void providesBuildersWiredToTheStartersWorkflowsWithTheDefaults() {
        this.contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CivisBatchBuilders.class);
            CivisBatchBuilders builders = context.getBean(CivisBatchBuilders.class);
            assertThat(builders.importEveryBytes()).isZero();
            assertThat(builders.timeout()).isEqualTo(Duration.ofHours(1));
            assertThat(builders.spoolDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            CivisTableItemWriter<CsvRow> writer = builders.<CsvRow>tableWriter().name("w").table("s.t").database("db")
                .cells(CsvCells.ofRow()).build();
            assertThat(writer).isNotNull();
        });
    }

    @Test
    void buildersFollowTheProperties() {
        this.contextRunner
            .withPropertyValues("civis.batch.import-every=256MB", "civis.batch.timeout=2h",
                    "civis.batch.spool-directory=/var/spool/civis")
            .run(context -> {
                CivisBatchBuilders builders = context.getBean(CivisBatchBuilders.class);
                assertThat(builders.importEveryBytes()).isEqualTo(256L * 1024 * 1024);
                assertThat(builders.timeout()).isEqualTo(Duration.ofHours(2));
                assertThat(builders.spoolDirectory()).isEqualTo(Path.of("/var/spool/civis"));
            });
    }

    @Test
    void negativeImportSizeStopsStartupNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.batch.import-every=-1MB").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("civis.batch.import-every");
        });
    }

    @Test
    void withoutSpringBatchNothingIsConfigured() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Job.class))
            .run(context -> assertThat(context).doesNotHaveBean(CivisBatchBuilders.class));
    }

    @Test
    void usersOwnBuildersWin() {
        this.contextRunner
            .withBean("myBuilders", CivisBatchBuilders.class, () -> mock(CivisBatchBuilders.class))
            .run(context -> assertThat(context).getBean(CivisBatchBuilders.class)
                .isSameAs(context.getBean("myBuilders")));
    }

    @Test
    void withoutAClientNothingIsConfigured() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CivisBatchAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(CivisBatchBuilders.class)
                .doesNotHaveBean(CivisClient.class));
    }
}
