package io.github.civis.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import io.github.civis.client.model.ScriptSql;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.model.UserMe;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.runs.CivisRunFailedException;
import io.github.civis.client.runs.CivisRuns;

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

    CivisController(CredentialsApi credentials, ScriptsApi scripts, JobsApi jobs, UsersApi users,
            ReactiveUsersApi reactiveUsers, CivisRuns runs) {
        this.runs = runs;
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
     * Creates a SQL script, runs it, waits for it to end (at most a minute) and returns its
     * final state and log lines, whether it succeeded or not.
     */
    @PostMapping("/sql")
    Map<String, Object> runSql(@RequestBody Map<String, String> body) {
        ScriptSql script = scripts.postSql(b -> b.name(body.getOrDefault("name", "sample query"))
            .sql(body.getOrDefault("sql", "SELECT 1"))
            .remoteHostId(wholeNumber(body, "remoteHostId", 1))
            .credentialId(wholeNumber(body, "credentialId", 1)));
        CivisRun run = runs.start(script.id());
        String state;
        try {
            state = run.await(Duration.ofMinutes(1)).state();
        }
        catch (CivisRunFailedException ex) {
            state = ex.finalState().wireName();
        }
        List<String> logs = run.logs().stream().map(line -> String.valueOf(line.message())).toList();
        return Map.of("scriptId", script.id(), "runId", run.runId(), "state", String.valueOf(state), "logs", logs);
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

    /** A whole number from the request body, or a 400 naming the field. */
    private static long wholeNumber(Map<String, String> body, String field, long defaultValue) {
        String value = body.get(field);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new BadInputException(field, field + " must be a whole number, was '" + value + "'");
        }
    }
}
