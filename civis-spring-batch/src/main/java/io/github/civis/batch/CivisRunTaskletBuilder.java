package io.github.civis.batch;

import java.time.Duration;
import java.util.Map;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.ScriptsApi;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.model.ScriptSql;
import io.github.civis.client.runs.CivisRuns;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Builds a {@link CivisRunTasklet}: what to run (a job, a template with arguments, or a SQL
 * script), how long to wait, and the job repository that keeps the run's ids at once.
 *
 * <pre class="code">
 * Tasklet nightly = new CivisRunTaskletBuilder()
 *     .client(client)
 *     .template(77, Map.of("date", "2026-01-31"))
 *     .timeout(Duration.ofMinutes(90))
 *     .build();
 * Tasklet vacuum = new CivisRunTaskletBuilder()
 *     .client(client)
 *     .sql("VACUUM staging.people", "redshift-general")
 *     .build();
 * </pre>
 */
public class CivisRunTaskletBuilder {

    private @Nullable CivisRuns runs;
    private @Nullable ScriptsApi scripts;
    private @Nullable CivisLookups lookups;
    private @Nullable Long jobId;
    private @Nullable Long templateId;
    private Map<String, ?> arguments = Map.of();
    private @Nullable String sql;
    private @Nullable String database;
    private Duration timeout = CivisClient.WORKFLOW_TIMEOUT;
    private String name = "civisRun";
    private @Nullable JobRepository jobRepository;

    /** An empty builder. */
    public CivisRunTaskletBuilder() {
    }

    /**
     * Takes the runs workflow, the scripts API and the lookups from a client.
     * @param client the client
     * @return this builder
     */
    public CivisRunTaskletBuilder client(CivisClient client) {
        this.runs = client.runs();
        this.scripts = client.scripts();
        this.lookups = client.lookups();
        return this;
    }

    /**
     * The runs workflow (the starter's {@code CivisRuns} bean, for its polling and metrics).
     * @param runs the runs workflow
     * @return this builder
     */
    public CivisRunTaskletBuilder civisRuns(CivisRuns runs) {
        this.runs = runs;
        return this;
    }

    /**
     * The scripts API, to make the script of {@link #sql(String, String)}.
     * @param scripts the scripts API
     * @return this builder
     */
    public CivisRunTaskletBuilder scriptsApi(ScriptsApi scripts) {
        this.scripts = scripts;
        return this;
    }

    /**
     * The lookups, for the database of {@link #sql(String, String)} and the default credential.
     * @param lookups the lookups
     * @return this builder
     */
    public CivisRunTaskletBuilder civisLookups(CivisLookups lookups) {
        this.lookups = lookups;
        return this;
    }

    /**
     * Runs this job: any script, import, export or other job.
     * @param jobId the job's id
     * @return this builder
     */
    public CivisRunTaskletBuilder jobId(long jobId) {
        this.jobId = jobId;
        return this;
    }

    /**
     * Makes a custom script from a template with these arguments and runs it.
     * @param templateId the template's id
     * @param arguments the script's arguments by name
     * @return this builder
     */
    public CivisRunTaskletBuilder template(long templateId, Map<String, ?> arguments) {
        this.templateId = templateId;
        this.arguments = Map.copyOf(arguments);
        return this;
    }

    /**
     * Makes a SQL script of a statement (hidden from the platform's listings) and runs it, with
     * the user's default database credential. Needs {@link #client(CivisClient)}.
     * @param sql the statement
     * @param database the database's name
     * @return this builder
     */
    public CivisRunTaskletBuilder sql(String sql, String database) {
        this.sql = sql;
        this.database = database;
        return this;
    }

    /**
     * The longest wait for the run; default one hour. A run still going then fails the step and
     * goes on: a restart re-attaches to it.
     * @param timeout a positive duration
     * @return this builder
     */
    public CivisRunTaskletBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * The prefix of the tasklet's keys in the execution context; default {@code civisRun}.
     * @param name the prefix
     * @return this builder
     */
    public CivisRunTaskletBuilder name(String name) {
        this.name = name;
        return this;
    }

    /**
     * The job repository, to save the run's ids as soon as it has started, so that a restart
     * after the process died re-attaches to it.
     * @param jobRepository the job repository
     * @return this builder
     */
    public CivisRunTaskletBuilder jobRepository(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
        return this;
    }

    /**
     * Builds the tasklet.
     * @return the tasklet
     * @throws IllegalStateException naming what is missing or given twice
     */
    public CivisRunTasklet build() {
        if (runs == null) {
            throw new IllegalStateException("Set client(...) or civisRuns(...)");
        }
        int given = ((jobId != null) ? 1 : 0) + ((templateId != null) ? 1 : 0) + ((sql != null) ? 1 : 0);
        if (given != 1) {
            throw new IllegalStateException("Set exactly one of jobId(...), template(...) or sql(...); " + given
                    + " given");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("timeout(...) must be positive, was " + timeout);
        }
        if (name.isBlank()) {
            throw new IllegalStateException("name(...) must not be blank");
        }
        CivisRunTasklet.RunStarter starter;
        if (jobId != null) {
            long job = jobId;
            starter = r -> r.start(job);
        }
        else if (templateId != null) {
            long template = templateId;
            Map<String, ?> args = arguments;
            starter = r -> r.runTemplate(template, args);
        }
        else {
            if (scripts == null || lookups == null) {
                throw new IllegalStateException("sql(...) needs client(...), or scriptsApi(...) and civisLookups(...): it makes a SQL script");
            }
            if (sql == null || sql.isBlank() || database == null || database.isBlank()) {
                throw new IllegalStateException("sql(...) needs a statement and a database name");
            }
            ScriptsApi scriptsApi = scripts;
            CivisLookups names = lookups;
            String statement = sql;
            String db = database;
            starter = r -> {
                long databaseId = names.databaseId(db);
                long credential = names.defaultDatabaseCredentialId();
                ScriptSql script = scriptsApi.postSql(b -> b.name("civis-spring-batch step").sql(statement)
                    .remoteHostId(databaseId).credentialId(credential).hidden(true));
                return r.start(script.id());
            };
        }
        return new CivisRunTasklet(runs, starter, timeout, name, jobRepository);
    }
}
