package io.github.civis.client.lookup;

import java.util.List;

import io.github.civis.client.CivisClient;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A lookup answers the one thing of exactly the name given, or fails naming the candidates: a
 * name the server would split, a wildcard of the platform's name filter, or a name several
 * things share never answers the first thing the platform lists.
 */
class CivisLookupsExactTest {

    private static final String DB = "warehouse";

    private static final List<List<String>> ROW = List.of(List.of("1"));

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create(builder -> builder
        .seed(new Seed().database(DB)
            .table(DB, "demo.cities", List.of("id"), ROW)
            .table(DB, "demo.x", List.of("id"), ROW)
            .table(DB, "demo.\"x*\"", List.of("id"), ROW)
            .table(DB, "demo.\"50%\"", List.of("id"), ROW)
            .table(DB, "demo.\"500\"", List.of("id"), ROW)
            .credential("shared", "Custom")
            .credential("shared", "Custom")
            .credential("Solo", "Custom")
            .credential("Prod", "Custom")
            .credential("PROD", "Custom")
            .storageHost("exports")
            .storageHost("exports")));

    private static CivisLookups lookups(CivisClient client) {
        return client.lookups().withCache(LookupCache.none());
    }

    @Test
    void aNameWithASemicolonIsNotTheTableNamedByWhatPrecedesIt(CivisClient client) {
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> lookups(client).tableId("demo.x;drop", DB))
            .withMessageStartingWith("No table named 'demo.\"x;drop\"' in database 'warehouse'");
    }

    @Test
    void aWildcardIsNotTakenAndTheFailureNamesWhatItMatched(CivisClient client) {
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> lookups(client).tableId("demo.*", DB))
            .satisfies(ex -> assertThat(ex.closestMatches()).contains("demo.cities", "demo.x"))
            .withMessageStartingWith("No table named exactly 'demo.\"*\"' in database 'warehouse'; the platform's name"
                    + " filter matched ")
            .withMessageContaining("'demo.cities'");
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> lookups(client).tableId("demo.cit%", DB))
            .satisfies(ex -> assertThat(ex.closestMatches()).containsExactly("demo.cities"));
    }

    @Test
    void aNameHoldingAWildcardCharacterFindsExactlyThatTable(CivisClient client) {
        long starred = lookups(client).tableId("demo.\"x*\"", DB);
        long percent = lookups(client).tableId("demo.\"50%\"", DB);

        assertThat(starred).isNotEqualTo(lookups(client).tableId("demo.x", DB));
        assertThat(client.tables().get(starred).name()).isEqualTo("x*");
        assertThat(client.tables().get(percent).name()).isEqualTo("50%");
    }

    @Test
    void caseDecidesOnlyWhenItMustAndSeveralNamesEqualIgnoringCaseAreAmbiguous(CivisClient client) {
        assertThat(client.tables().get(lookups(client).tableId("DEMO.Cities", DB)).name()).isEqualTo("cities");
        long upper = lookups(client).credentialId("PROD");
        long title = lookups(client).credentialId("Prod");

        assertThat(upper).isNotEqualTo(title);
        assertThat(client.credentials().get(title).name()).isEqualTo("Prod");
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> lookups(client).credentialId("prod"))
            .withMessageStartingWith("The name 'prod' names 2 credentials: ")
            .withMessageContaining("'Prod' (id " + title + ")")
            .withMessageContaining("'PROD' (id " + upper + ")")
            .withMessageEndingWith("; use the id, or give a name that names only one")
            .satisfies(ex -> assertThat(ex.closestMatches()).hasSize(2));
    }

    @Test
    void aCredentialOrStorageHostNameSharedBySeveralIsAmbiguous(CivisClient client) {
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> lookups(client).credentialId("shared"))
            .withMessageStartingWith("The name 'shared' names 2 credentials: 'shared' (id ")
            .satisfies(ex -> assertThat(ex.closestMatches()).hasSize(2));
        assertThatExceptionOfType(CivisLookupException.class)
            .isThrownBy(() -> lookups(client).storageHostId("exports"))
            .withMessageStartingWith("The name 'exports' names 2 storage hosts: 'exports' (id ");
        assertThat(lookups(client).credentialId("solo")).isEqualTo(lookups(client).credentialId("Solo"));
    }
}
