package io.github.civis.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.github.civis.client.api.CredentialsApi;
import io.github.civis.client.api.JobsApi;
import io.github.civis.client.api.ReactiveUsersApi;
import io.github.civis.client.api.ScriptsApi;
import io.github.civis.client.api.UsersApi;
import io.github.civis.client.model.Credential;
import io.github.civis.client.model.JobSummary;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.UserMe;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.sql.QueryResult;

/**
 * The sample's own endpoints, each a few lines over the injected Civis APIs.
 */
@RestController
class CivisController {

    private final CredentialsApi credentials;
    private final ScriptsApi scripts;
    private final JobsApi jobs;
    private final UsersApi users;
    private final ReactiveUsersApi reactiveUsers;
    private final CivisRuns runs;
    private final CivisSql sql;
    private final String defaultDatabase;

    CivisController(CredentialsApi credentials, ScriptsApi scripts, JobsApi jobs, UsersApi users,
            ReactiveUsersApi reactiveUsers, CivisRuns runs, CivisSql sql,
            @Value("${sample.sql.database:" + SqlController.DEFAULT_DATABASE + "}") String defaultDatabase) {
        this.runs = runs;
        this.sql = sql;
        this.defaultDatabase = defaultDatabase;
        this.credentials = credentials;
        this.scripts = scripts;
        this.jobs = jobs;
        this.users = users;
        this.reactiveUsers = reactiveUsers;
    }

    /** The platform user the API key belongs to. */
    @GetMapping("/me")
    Map<String, Object> me() {
        UserMe me = users.getMe();
        return Map.of("id", me.id(), "username", me.username(), "name", String.valueOf(me.name()));
    }

    /** The same, through the reactive API. */
    @GetMapping("/me/reactive")
    Mono<Map<String, Object>> meReactive() {
        return reactiveUsers.getMe().map(me -> Map.of("id", me.id(), "username", me.username()));
    }

    /** Credentials of a type, every page. */
    @GetMapping("/credentials")
    List<Map<String, Object>> credentials(@RequestParam(defaultValue = "100") int max) {
        if (max < 0) {
            throw new BadInputException("max", "max must be 0 or more, was " + max);
        }
        return credentials.listAll(q -> q.limit(50))
            .limit(max)
            .map(c -> Map.<String, Object>of("id", c.id(), "name", String.valueOf(c.name()), "type", String.valueOf(c.type())))
            .toList();
    }

    /** Creates a credential. */
    @PostMapping("/credentials")
    Map<String, Object> createCredential(@RequestBody Map<String, String> body) {
        Credential made = credentials.post(b -> b.type(body.getOrDefault("type", "Custom"))
            .name(body.get("name"))
            .username(body.get("username"))
            .password(body.get("password")));
        return Map.of("id", made.id(), "name", String.valueOf(made.name()));
    }

    /** The most recent jobs. */
    @GetMapping("/jobs")
    List<Map<String, Object>> jobs() {
        return jobs.list(q -> q.limit(20)).stream()
            .map((JobSummary j) -> Map.<String, Object>of("id", j.id(), "name", String.valueOf(j.name()), "state",
                    String.valueOf(j.state())))
            .toList();
    }

    /**
     * Runs a query on the database {@code sample.sql.database}, or the one {@code ?database=}
     * names, found through the lookups, and answers its preview (at most 100 rows). A query that
     * fails is a failed run: a 422 problem with the platform's error ({@link CivisErrorHandler});
     * an unknown database a 400 problem naming the closest ones.
     */
    @PostMapping("/sql")
    Map<String, Object> runSql(@RequestBody Map<String, String> body,
            @RequestParam(required = false) @Nullable String database) {
        for (String field : body.keySet()) {
            if (!field.equals("sql")) {
                throw new BadInputException(field, "POST /sql takes only {\"sql\": \"...\"}, not '" + field
                        + "': the database is sample.sql.database, or the one ?database= names");
            }
        }
        String query = body.get("sql");
        if (query == null || query.isBlank()) {
            throw new BadInputException("sql", "sql must be given and not blank, e.g. {\"sql\": \"SELECT 1\"}");
        }
        String target = (database == null || database.isBlank()) ? defaultDatabase : database;
        QueryResult result;
        try {
            result = sql.query(query, target);
        }
        catch (CivisLookupException ex) {
            throw new BadInputException("database", ex.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("database", target);
        answer.put("queryId", result.queryId());
        answer.put("state", "succeeded");
        answer.put("columns", result.columns());
        answer.put("rows", result.rows());
        return answer;
    }

    /**
     * Runs a job and waits for it (at most ten minutes). A failed run becomes a 422 problem
     * with the platform's error and the log tail (see {@link CivisErrorHandler}).
     */
    @PostMapping("/jobs/{id}/run")
    Map<String, Object> runJob(@PathVariable long id) {
        CivisRun run = runs.start(id);
        JobRun done = run.await(Duration.ofMinutes(10));
        return Map.of("jobId", run.jobId(), "runId", run.runId(), "state", String.valueOf(done.state()),
                "finishedAt", String.valueOf(done.finishedAt()));
    }
}
