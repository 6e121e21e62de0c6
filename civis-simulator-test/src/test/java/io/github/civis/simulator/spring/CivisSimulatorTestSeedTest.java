package io.github.civis.simulator.spring;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import io.github.civis.client.CivisClient;
import io.github.civis.client.sql.QueryResult;
import io.github.civis.simulator.sql.Seed;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @CivisSimulatorTest(seed = ...)} starts the simulator with the seed file's databases and
 * tables, and {@link Seed} beans of the test's configuration add theirs.
 */
@SpringJUnitConfig(CivisSimulatorTestSeedTest.MoreData.class)
@CivisSimulatorTest(seed = "classpath:seeds/cities.json")
class CivisSimulatorTestSeedTest {

    @Value("${civis.base-url}")
    String baseUrl;

    @Value("${civis.api-key}")
    String apiKey;

    @Test
    void theSeedFilesTablesAnswerQueries() {
        try (CivisClient client = client()) {
            QueryResult cities = client.sql().query("SELECT name, population FROM demo.cities", "warehouse");

            assertThat(cities.columns()).containsExactly("name", "population");
            assertThat(cities.rows()).containsExactly(List.of("Oslo", "709000"), List.of("Lima", "10092000"));
        }
    }

    @Test
    void aSeedBeanAddsItsTablesToTheSeedFiles() {
        try (CivisClient client = client()) {
            QueryResult people = client.sql().query("SELECT * FROM public.people", "warehouse");

            assertThat(people.rows()).containsExactly(List.of("1", "Ann"));
            assertThat(client.lookups().databaseId("reporting")).isPositive();
        }
    }

    private CivisClient client() {
        return CivisClient.builder().baseUrl(baseUrl).apiKey(apiKey).build();
    }

    @Configuration(proxyBeanMethods = false)
    static class MoreData {

        @Bean
        Seed people() {
            return new Seed().database("reporting")
                .table("warehouse", "public.people", List.of("id", "name"), List.of(List.of("1", "Ann")));
        }
    }
}
