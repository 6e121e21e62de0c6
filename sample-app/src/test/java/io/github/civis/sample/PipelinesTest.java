package io.github.civis.sample;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /pipelines/copy} over real HTTP, on the embedded simulator the sample app starts:
 * a copy with one import run, table names checked strictly, a failed job as a 422 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PipelinesTest {

    @LocalServerPort
    int port;

    @Test
    void copiesTheDemoTableWithOneImportRun() throws Exception {
        SampleHttp http = new SampleHttp(this.port);

        SampleHttp.Response copied = http.post("/pipelines/copy", "{\"from\":\"demo.cities\",\"to\":\"copies.cities\"}");
        SampleHttp.TextResponse original = http.getText("/sql/stream?sql=SELECT%20*%20FROM%20demo.cities");
        SampleHttp.TextResponse copy = http.getText("/sql/stream?sql=SELECT%20*%20FROM%20copies.cities");

        assertThat(copied.status()).isEqualTo(200);
        assertThat(copied.body().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(copied.body().path("jobExecutionId").asLong()).isPositive();
        assertThat(copied.body().path("readCount").asLong()).isEqualTo(3);
        assertThat(copied.body().path("writeCount").asLong()).isEqualTo(3);
        assertThat(copied.body().path("importRuns").asInt()).isEqualTo(1);
        assertThat(copy.body()).isEqualTo(original.body());
    }

    @Test
    void aTableNameThatIsNotSchemaDotTableIsA400NamingIt() throws Exception {
        SampleHttp.Response bad = new SampleHttp(this.port).post("/pipelines/copy",
                "{\"from\":\"demo.cities\",\"to\":\"copies.cities; DROP TABLE x\"}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("field").asString()).isEqualTo("to");
        assertThat(bad.body().path("detail").asString()).contains("schema.table");
    }

    @Test
    void aFailedJobIsA422CarryingTheStepsExitDescription() throws Exception {
        SampleHttp.Response failed = new SampleHttp(this.port).post("/pipelines/copy",
                "{\"from\":\"demo.nowhere\",\"to\":\"copies.nowhere\"}");

        assertThat(failed.status()).isEqualTo(422);
        assertThat(failed.body().path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.body().path("detail").asString()).contains("Caused by").contains("nowhere").doesNotContain("\tat ");
    }

    @Test
    void anUnknownDatabaseFailsTheJob() throws Exception {
        SampleHttp.Response failed = new SampleHttp(this.port).post("/pipelines/copy",
                "{\"from\":\"demo.cities\",\"to\":\"copies.x\",\"database\":\"no-such-db\"}");

        assertThat(failed.status()).isEqualTo(422);
        assertThat(failed.body().path("detail").asString()).contains("no-such-db");
    }
}
