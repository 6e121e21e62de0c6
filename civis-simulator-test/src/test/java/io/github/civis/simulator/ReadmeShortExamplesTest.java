package io.github.civis.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import io.github.civis.client.CivisClient;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.model.Credential;
import io.github.civis.client.model.JobRun;
import io.github.civis.client.runs.CivisRun;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.tables.ImportOptions;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import io.github.civis.simulator.sql.Seed;

/**
 * The short examples of the README's front page, run against the simulator so that they stay
 * true ({@link DocsShowExamplesTest} checks that the README shows them as they are here).
 */
class ReadmeShortExamplesTest {

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(builder -> builder
        .seed(new Seed().database("redshift-general")
            .table("redshift-general", "public.people", List.of("id", "name", "score"),
                    List.of(List.of("1", "Ann", "9.5"), List.of("2", "Bo", "7")))));

    @TempDir
    Path directory;

    @Test
    void withoutSpring() {
        String baseUrl = civis.baseUrl();
        String apiKey = civis.apiKey();
        Mono<String> name;
        // README: short plain Java
        try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
            Credential made = client.credentials().post(b -> b.type("Custom").name("token").username("u").password("p"));
            Mono<String> me = client.reactiveUsers().getMe().map(user -> user.username());
            // README: end
            assertThat(made.name()).isEqualTo("token");
            assertThat(me.block(Duration.ofMinutes(1))).isEqualTo("simulator");
        }
    }

    @Test
    void workflows(CivisClient client) throws Exception {
        long jobId = client.scripts().postPython3(b -> b.name("nightly").source("print(1)")).id();
        Path report = Files.writeString(this.directory.resolve("report.csv"), "a,b\n1,2\n");
        Path copy = this.directory.resolve("copy.csv");
        Path csv = Files.writeString(this.directory.resolve("scores.csv"), "id,score\n1,10\n2,20\n");
        List<String> names = new java.util.ArrayList<>();

        // README: short runs
        CivisRun run = client.runs().start(jobId);              // POST /jobs/{id}/runs
        JobRun done = run.await(Duration.ofMinutes(30));        // polls 1 s, x1.2, at most 15 s
        // README: end
        // README: short files
        long id = client.fileTransfers().upload(report, "report.csv", UploadOptions.defaults());
        client.fileTransfers().download(id, copy);              // temp file, checked, then moved into place
        // README: end
        // README: short sql
        try (Stream<CsvRow> rows = client.sql().stream("SELECT * FROM public.people", "redshift-general")) {
            rows.forEach(row -> names.add(row.get("name")));
        }
        // README: end
        // README: short tables
        CivisRun imported = client.tableTransfers().importCsv(csv, "staging.scores", "redshift-general",
                ImportOptions.defaults().withExistingTable(ImportOptions.ExistingTable.DROP));
        // README: end

        assertThat(done.state()).isEqualTo("succeeded");
        assertThat(copy).hasSameBinaryContentAs(report);
        assertThat(names).containsExactly("Ann", "Bo");
        assertThat(client.sql().query("SELECT * FROM staging.scores", "redshift-general").rows())
            .containsExactly(List.of("1", "10"), List.of("2", "20"));
        assertThat(imported.runId()).isPositive();
    }
}
