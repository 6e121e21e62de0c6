package io.github.civis.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.github.civis.client.api.JobsApi;
import io.github.civis.client.api.ScriptsApi;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.tables.CivisTableTransfers;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Builders of the Civis steps' parts, already wired to the client's workflows, the job repository
 * and the application's settings; the Spring Boot starter provides one as a bean when Spring
 * Batch is on the class path ({@code civis.batch.*} configures it).
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;StepScope
 * CivisSqlItemReader&lt;CsvRow&gt; reader(CivisBatchBuilders civis) {
 *     return civis.&lt;CsvRow&gt;sqlReader().name("source").sql("SELECT * FROM public.people")
 *         .database("redshift-general").rowMapper(CsvRowMapper.identity()).build();
 * }
 * </pre>
 */
public final class CivisBatchBuilders {

    private final CivisSql sql;
    private final CivisTableTransfers tables;
    private final CivisRuns runs;
    private final JobsApi jobs;
    private final ScriptsApi scripts;
    private final CivisLookups lookups;
    private final @Nullable JobRepository jobRepository;
    private final long importEveryBytes;
    private final Path spoolDirectory;
    private final Duration timeout;

    /**
     * @param sql the SQL workflow
     * @param tables the tables workflow
     * @param runs the runs workflow
     * @param jobs the jobs API
     * @param scripts the scripts API
     * @param lookups the lookups
     * @param jobRepository the job repository, or {@code null}
     * @param importEveryBytes the writers' {@code importEvery}, 0 for one import at the end
     * @param spoolDirectory the writers' spool directory
     * @param timeout the longest wait for a run or an import
     */
    public CivisBatchBuilders(CivisSql sql, CivisTableTransfers tables, CivisRuns runs, JobsApi jobs, ScriptsApi scripts,
            CivisLookups lookups, @Nullable JobRepository jobRepository, long importEveryBytes, Path spoolDirectory,
            Duration timeout) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.jobRepository = jobRepository;
        this.importEveryBytes = importEveryBytes;
        this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * A reader builder with the SQL workflow set.
     * @param <T> the item type
     * @return the builder
     */
    public <T> CivisSqlItemReaderBuilder<T> sqlReader() {
        return new CivisSqlItemReaderBuilder<T>().civisSql(sql);
    }

    /**
     * A writer builder with the workflows, job repository, import size, spool directory and timeout set.
     * @param <T> the item type
     * @return the builder
     */
    public <T> CivisTableItemWriterBuilder<T> tableWriter() {
        CivisTableItemWriterBuilder<T> builder = new CivisTableItemWriterBuilder<T>().civisTableTransfers(tables).civisRuns(runs)
            .jobsApi(jobs).importEvery(importEveryBytes).spoolDirectory(spoolDirectory).timeout(timeout);
        return (jobRepository != null) ? builder.jobRepository(jobRepository) : builder;
    }

    /**
     * A tasklet builder with the runs workflow, scripts, lookups, job repository and timeout set.
     * @return the builder
     */
    public CivisRunTaskletBuilder runTasklet() {
        CivisRunTaskletBuilder builder = new CivisRunTaskletBuilder().civisRuns(runs).scriptsApi(scripts)
            .civisLookups(lookups).timeout(timeout);
        return (jobRepository != null) ? builder.jobRepository(jobRepository) : builder;
    }

    /** The writers' {@code importEvery}, in bytes; 0 for one import at the end of a step. */
    public long importEveryBytes() {
        return importEveryBytes;
    }

    /** The writers' spool directory. */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /** The longest wait for a run or an import. */
    public Duration timeout() {
        return timeout;
    }
}
