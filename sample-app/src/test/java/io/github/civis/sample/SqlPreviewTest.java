package io.github.civis.sample;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /sql} over real HTTP, on the embedded simulator the sample app starts: a query's
 * preview on the database {@code sample.sql.database} (or {@code ?database=}), found through the
 * lookups; a failed query is the 422 problem of any failed run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SqlPreviewTest {

    @LocalServerPort
    int port;

    @Test
    void aQueryRunsOnTheSamplesDatabaseAndAnswersItsPreview() throws Exception {
        SampleHttp.Response answer = new SampleHttp(port).post("/sql", "{\"sql\": \"SELECT * FROM demo.cities LIMIT 2\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("database").asString()).isEqualTo("redshift-general");
        assertThat(answer.body().path("state").asString()).isEqualTo("succeeded");
        assertThat(texts(answer.body().path("columns")))
            .containsExactly("id", "name", "country", "population");
        assertThat(answer.body().path("rows").size()).isEqualTo(2);
        assertThat(texts(answer.body().path("rows").get(0)))
            .isEqualTo(List.of("1", "Oslo", "Norway", "709037"));
        assertThat(answer.body().path("queryId").asLong()).isPositive();
    }

    @Test
    void aFailedQueryIsA422ProblemWithThePlatformsError() throws Exception {
        SampleHttp.Response answer = new SampleHttp(port).post("/sql", "{\"sql\": \"SELECT * FROM demo.nobody\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("title").asString()).isEqualTo("Civis run failed");
        assertThat(answer.body().path("detail").asString()).isEqualTo("ERROR:  relation \"demo.nobody\" does not exist");
        assertThat(answer.body().path("state").asString()).isEqualTo("failed");
    }

    @Test
    void anotherDatabaseIsNamedWithTheDatabaseParameter() throws Exception {
        SampleHttp http = new SampleHttp(port);

        SampleHttp.Response known = http.post("/sql?database=redshift-general", "{\"sql\": \"SELECT name FROM demo.cities\"}");
        SampleHttp.Response unknown = http.post("/sql?database=redshift-genral", "{\"sql\": \"SELECT 1\"}");

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.body().path("rows").size()).isEqualTo(3);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("detail").asString())
            .isEqualTo("No database named 'redshift-genral'; did you mean 'redshift-general'?");
        assertThat(unknown.body().path("field").asString()).isEqualTo("database");
    }

    @Test
    void aMissingQueryIsA400NamingTheField() throws Exception {
        SampleHttp.Response answer = new SampleHttp(port).post("/sql", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("field").asString()).isEqualTo("sql");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(cell -> texts.add(cell.asString()));
        return texts;
    }
}
