package io.github.civis.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
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
import io.github.civis.client.model.ScriptSqlRun;
import io.github.civis.client.model.UserMe;

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

    CivisController(CredentialsApi credentials, ScriptsApi scripts, JobsApi jobs, UsersApi users,
            ReactiveUsersApi reactiveUsers) {
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
     * Creates a SQL script, runs it, waits for it to finish (at most a minute) and returns its
     * final state and log lines.
     */
    @PostMapping("/sql")
    Map<String, Object> runSql(@RequestBody Map<String, String> body) throws InterruptedException {
        ScriptSql script = scripts.postSql(b -> b.name(body.getOrDefault("name", "sample query"))
            .sql(body.getOrDefault("sql", "SELECT 1"))
            .remoteHostId(wholeNumber(body, "remoteHostId", 1))
            .credentialId(wholeNumber(body, "credentialId", 1)));
        ScriptSqlRun run = scripts.postSqlRuns(script.id());
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!isFinished(run.state()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            run = scripts.getSqlRuns(script.id(), run.id());
        }
        List<String> logs = scripts.listSqlRunsLogs(script.id(), run.id()).stream()
            .map(line -> String.valueOf(line.message()))
            .toList();
        return Map.of("scriptId", script.id(), "runId", run.id(), "state", String.valueOf(run.state()), "logs", logs);
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

    private static boolean isFinished(String state) {
        return "succeeded".equals(state) || "failed".equals(state) || "cancelled".equals(state);
    }
}
