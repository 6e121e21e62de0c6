package io.github.civis.sample;

import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.simulator.sql.Seed;

/**
 * A little data in a fresh simulator, so that the sample endpoints have something to show.
 */
final class SampleData {

    /** The table the embedded simulator starts with: {@code GET /sql/stream?sql=SELECT * FROM demo.cities}. */
    static final String DEMO_TABLE = "demo.cities";

    private SampleData() {
    }

    /**
     * The databases and tables of the embedded simulator: the sample's database (which the
     * default database credential belongs to) with the table {@value #DEMO_TABLE}.
     * @param database the name of the sample's database ({@code sample.sql.database})
     */
    static Seed seed(String database) {
        return new Seed().database(database)
            .table(database, DEMO_TABLE, List.of("id", "name", "country", "population"), List.of(
                    List.of("1", "Oslo", "Norway", "709037"),
                    List.of("2", "Lisbon", "Portugal", "545796"),
                    List.of("3", "Kraków", "Poland", "803282")));
    }

    static void load(String baseUrl, String apiKey) {
        try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
            client.credentials().post(b -> b.type("Database").name("warehouse").username("analyst").password("secret"));
            client.credentials().post(b -> b.type("Custom").name("reporting token").username("reports").password("secret"));
        }
    }
}
