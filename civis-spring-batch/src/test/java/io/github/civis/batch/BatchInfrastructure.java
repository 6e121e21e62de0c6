package io.github.civis.batch;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * A Spring Batch infrastructure for the tests: a JDBC job repository on an in-memory H2
 * database (restartable, unlike the resourceless one), the job operator and registry.
 */
final class BatchInfrastructure implements AutoCloseable {

    private final AnnotationConfigApplicationContext context;

    BatchInfrastructure() {
        context = new AnnotationConfigApplicationContext(Config.class);
    }

    JobRepository jobRepository() {
        return context.getBean(JobRepository.class);
    }

    JobOperator jobOperator() {
        return context.getBean(JobOperator.class);
    }

    JobRegistry jobRegistry() {
        return context.getBean(JobRegistry.class);
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableBatchProcessing
    @EnableJdbcJobRepository
    static class Config {

        @Bean
        DataSource dataSource() {
            return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
                .setName("batch-" + UUID.randomUUID())
                .addScript("/org/springframework/batch/core/schema-h2.sql")
                .build();
        }

        @Bean
        MapJobRegistry jobRegistry() {
            return new MapJobRegistry();
        }

        @Bean
        JdbcTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }
    }
}
