package io.github.civis.spring.autoconfigure.batch;

import java.io.File;
import java.nio.file.Path;

import io.github.civis.batch.CivisBatchBuilders;
import io.github.civis.client.CivisClient;
import io.github.civis.client.api.JobsApi;
import io.github.civis.client.api.ScriptsApi;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.tables.CivisTableTransfers;
import io.github.civis.spring.autoconfigure.CivisProperties;
import io.github.civis.spring.autoconfigure.runs.CivisRunsAutoConfiguration;
import io.github.civis.spring.autoconfigure.sql.CivisSqlAutoConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of the Civis Spring Batch steps, when Spring Batch and
 * {@code civis-spring-batch} are on the class path: the {@code civisBatchBuilders} bean, whose
 * reader, writer and tasklet builders use the starter's SQL, tables and runs beans (their lookup
 * cache, polling and metrics), the application's {@link JobRepository}, and {@code civis.batch.*}.
 * An application without Spring Batch gets none of it.
 */
@AutoConfiguration(after = { CivisSqlAutoConfiguration.class, CivisRunsAutoConfiguration.class })
@ConditionalOnClass({ Job.class, CivisBatchBuilders.class })
@ConditionalOnBean(CivisClient.class)
@EnableConfigurationProperties(CivisProperties.class)
public final class CivisBatchAutoConfiguration {

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    CivisBatchBuilders civisBatchBuilders(CivisClient client, CivisProperties civisProperties,
            ObjectProvider<CivisSql> sql, ObjectProvider<CivisTableTransfers> tables, ObjectProvider<CivisRuns> runs,
            ObjectProvider<JobsApi> jobs, ObjectProvider<ScriptsApi> scripts, ObjectProvider<CivisLookups> lookups,
            ObjectProvider<JobRepository> jobRepository) {
        CivisProperties.Batch properties = civisProperties.getBatch();
        File spool = properties.getSpoolDirectory();
        return new CivisBatchBuilders(sql.getIfUnique(client::sql), tables.getIfUnique(client::tableTransfers),
                runs.getIfUnique(client::runs), jobs.getIfUnique(client::jobs), scripts.getIfUnique(client::scripts),
                lookups.getIfUnique(client::lookups), jobRepository.getIfUnique(),
                properties.getImportEvery().toBytes(),
                (spool != null) ? spool.toPath() : Path.of(System.getProperty("java.io.tmpdir")),
                properties.getTimeout());
    }
}
