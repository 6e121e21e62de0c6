package io.github.civis.sample;

import io.github.civis.client.CivisClient;

/**
 * A little data in a fresh simulator, so that the sample endpoints have something to show.
 */
final class SampleData {

    private SampleData() {
    }

    static void load(String baseUrl, String apiKey) {
        try (CivisClient client = CivisClient.builder().baseUrl(baseUrl).apiKey(apiKey).build()) {
            client.credentials().post(b -> b.type("Database").name("warehouse").username("analyst").password("secret"));
            client.credentials().post(b -> b.type("Custom").name("reporting token").username("reports").password("secret"));
        }
    }
}
