package io.github.civis.sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /sql/stream} and {@code POST /tables/{schema}.{table}/import} over real HTTP, on the
 * embedded simulator the sample app starts: CSV in, the same CSV out, bad input answered with a
 * 400 problem carrying the reason and a failed run with a 422 problem carrying the platform's error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SqlAndTablesTest {

    /** Quotes, a delimiter and a newline inside cells, an empty string ({@code ""}) and a null (nothing). */
    private static final String PEOPLE = "id,name,note,nickname,manager\n"
            + "1,\"Ann \"\"the boss\"\" Lee\",\"likes\ncommas, and lines\",\"\",\n"
            + "2,Bo,plain,Bobby,1\n"
            + "3,Cy,\"\",,\n";

    @LocalServerPort
    int port;

    @Value("${server.address:}")
    String serverAddress;

    @Test
    void theEndpointsThatRunAnySqlListenOnLoopbackOnly() {
        // They run what they are sent with the key's credential: the sample must not be reachable from a network.
        assertThat(this.serverAddress).isEqualTo("127.0.0.1");
    }

    @Test
    void anImportedCsvStreamsBackUnchangedAndASecondImportReplacesIt() throws Exception {
        SampleHttp http = new SampleHttp(this.port);

        SampleHttp.Response imported = http.post("/tables/demo.people/import", "text/csv", PEOPLE);
        SampleHttp.TextResponse streamed = http.getText("/sql/stream?sql=" + query("SELECT * FROM demo.people"));

        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.body().path("state").asString()).isEqualTo("succeeded");
        assertThat(imported.body().path("table").asString()).isEqualTo("demo.people");
        assertThat(imported.body().path("runId").asLong()).isPositive();
        assertThat(imported.body().path("rows").asLong()).isEqualTo(3);
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.contentType()).startsWith("text/csv");
        assertThat(streamed.body()).isEqualTo(PEOPLE);
        assertThat(streamed.contentLength()).as("the result file's size, so that truncation shows")
            .hasValue(PEOPLE.getBytes(StandardCharsets.UTF_8).length);

        SampleHttp.Response replaced = http.post("/tables/demo.people/import", "text/csv", "code,label\nx,\"y, z\"\n");
        SampleHttp.TextResponse after = http.getText("/sql/stream?sql=" + query("SELECT * FROM demo.people"));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().path("rows").asLong()).isEqualTo(1);
        assertThat(after.body()).isEqualTo("code,label\nx,\"y, z\"\n");
    }

    @Test
    void theSeededDemoTableStreamsOutOfTheBox() throws Exception {
        SampleHttp.TextResponse cities = new SampleHttp(this.port)
            .getText("/sql/stream?sql=" + query("SELECT * FROM demo.cities"));

        assertThat(cities.status()).isEqualTo(200);
        assertThat(cities.contentType()).startsWith("text/csv");
        assertThat(cities.body()).startsWith("id,name,country,population\n").contains("3,Kraków,Poland,803282\n");
        assertThat(cities.body().lines()).hasSize(4);
    }

    @Test
    void aCsvTheImportRejectsIsA422WithThePlatformsErrorAndTheTableStaysAsItWas() throws Exception {
        SampleHttp http = new SampleHttp(this.port);
        http.post("/tables/demo.kept/import", "text/csv", "a,b\n1,2\n");

        SampleHttp.Response ragged = http.post("/tables/demo.kept/import", "text/csv", "a,b\n3,4\n5\n");

        assertThat(ragged.status()).as("a failed run, as for POST /jobs/{id}/run").isEqualTo(422);
        assertThat(ragged.body().path("detail").asString()).contains("has 1 columns, expected 2");
        assertThat(ragged.body().path("state").asString()).isEqualTo("failed");
        assertThat(ragged.body().path("logTail").isArray()).isTrue();
        assertThat(http.getText("/sql/stream?sql=" + query("SELECT * FROM demo.kept")).body()).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void badInputIsA400AndFailingSqlA422NamingTheReason() throws Exception {
        SampleHttp http = new SampleHttp(this.port);

        SampleHttp.Response noSchema = http.post("/tables/people/import", "text/csv", "a\n1\n");
        SampleHttp.Response threeParts = http.post("/tables/a.b.c/import", "text/csv", "a\n1\n");
        SampleHttp.Response empty = http.post("/tables/demo.empty/import", "text/csv", "");
        SampleHttp.Response notCsv = http.post("/tables/demo.json/import", "application/json", "{}");
        SampleHttp.Response unknownTable = http.get("/sql/stream?sql=" + query("SELECT * FROM demo.nobody"));
        SampleHttp.Response unknownColumn = http.get("/sql/stream?sql=" + query("SELECT nope FROM demo.cities"));
        SampleHttp.Response unknownDatabase = http.get("/sql/stream?sql=" + query("SELECT * FROM demo.cities")
                + "&database=redshift-genral");
        SampleHttp.Response noSql = http.get("/sql/stream");
        SampleHttp.Response blankSql = http.get("/sql/stream?sql=%20");

        assertThat(noSchema.status()).isEqualTo(400);
        assertThat(noSchema.body().path("field").asString()).isEqualTo("table");
        assertThat(noSchema.body().path("detail").asString())
            .isEqualTo("'people' is not a table name of the form schema.table: it names no schema");
        assertThat(threeParts.status()).isEqualTo(400);
        assertThat(threeParts.body().path("detail").asString()).contains("3 dot-separated parts");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().path("detail").asString()).contains("The request body is empty");
        assertThat(notCsv.status()).isEqualTo(415);
        assertThat(unknownTable.status()).isEqualTo(422);
        assertThat(unknownTable.body().path("detail").asString())
            .isEqualTo("ERROR:  relation \"demo.nobody\" does not exist");
        assertThat(unknownTable.body().path("runId").asLong()).isPositive();
        assertThat(unknownColumn.status()).isEqualTo(422);
        assertThat(unknownColumn.body().path("detail").asString()).contains("column \"nope\" does not exist");
        assertThat(unknownDatabase.status()).isEqualTo(400);
        assertThat(unknownDatabase.body().path("detail").asString())
            .isEqualTo("No database named 'redshift-genral'; did you mean 'redshift-general'?");
        assertThat(noSql.status()).isEqualTo(400);
        assertThat(blankSql.status()).isEqualTo(400);
        assertThat(blankSql.body().path("field").asString()).isEqualTo("sql");
    }

    private static String query(String sql) {
        return URLEncoder.encode(sql, StandardCharsets.UTF_8);
    }

}
