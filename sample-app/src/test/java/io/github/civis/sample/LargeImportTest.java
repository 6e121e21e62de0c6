package io.github.civis.sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /tables/{schema}.{table}/import} takes CSV bodies larger than the 1 MB limit of JSON
 * bodies, up to {@code sample.max-import-size} (4 MB here), and refuses a larger one with a 413
 * problem, whether its length is declared or it comes chunked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sample.max-import-size=4MB")
class LargeImportTest {

    private static final int MEGABYTE = 1024 * 1024;

    @LocalServerPort
    int port;

    @Test
    void aCsvOfMoreThanAMegabyteIsImportedAndReadsBack() throws Exception {
        SampleHttp http = new SampleHttp(this.port);
        Csv csv = csvOfAtLeast(5 * MEGABYTE / 2);

        SampleHttp.Response imported = http.post("/tables/demo.big/import", "text/csv", csv.text());
        SampleHttp.TextResponse streamed = http.getText("/sql/stream?sql="
                + URLEncoder.encode("SELECT * FROM demo.big", StandardCharsets.UTF_8));

        assertThat(csv.text().length()).isGreaterThan(2 * MEGABYTE);
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.body().path("state").asString()).isEqualTo("succeeded");
        assertThat(imported.body().path("rows").asLong()).isEqualTo(csv.rows());
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.body().lines()).hasSize(csv.rows() + 1);
        assertThat(streamed.body()).isEqualTo(csv.text());
    }

    @Test
    void aChunkedCsvOfMoreThanAMegabyteIsImported() throws Exception {
        Csv csv = csvOfAtLeast(2 * MEGABYTE);

        SampleHttp.Response imported = new SampleHttp(this.port)
            .postChunked("/tables/demo.chunked/import", "text/csv", csv.text().getBytes(StandardCharsets.UTF_8));

        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.body().path("rows").asLong()).isEqualTo(csv.rows());
    }

    @Test
    void aCsvOverTheImportLimitIsA413Problem() throws Exception {
        SampleHttp http = new SampleHttp(this.port);
        byte[] tooLarge = csvOfAtLeast(5 * MEGABYTE).text().getBytes(StandardCharsets.UTF_8);

        SampleHttp.Response declared = http.post("/tables/demo.huge/import", "text/csv",
                new String(tooLarge, StandardCharsets.UTF_8));
        SampleHttp.Response chunked = http.postChunked("/tables/demo.huge/import", "text/csv", tooLarge);

        for (SampleHttp.Response refused : new SampleHttp.Response[] { declared, chunked }) {
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.body().path("title").asString()).isEqualTo("Request body too large");
            assertThat(refused.body().path("detail").asString())
                .isEqualTo("The request body is larger than the limit of " + 4 * MEGABYTE + " bytes");
        }
        assertThat(http.getText("/sql/stream?sql=" + URLEncoder.encode("SELECT * FROM demo.huge",
                StandardCharsets.UTF_8)).status()).as("no table was made").isEqualTo(422);
    }

    private record Csv(String text, int rows) {
    }

    private static Csv csvOfAtLeast(int bytes) {
        StringBuilder csv = new StringBuilder("id,name,score\n");
        int rows = 0;
        while (csv.length() < bytes) {
            rows++;
            csv.append(rows).append(",name number ").append(rows).append(" of the large import,").append(rows % 977)
                .append('\n');
        }
        return new Csv(csv.toString(), rows);
    }

}
