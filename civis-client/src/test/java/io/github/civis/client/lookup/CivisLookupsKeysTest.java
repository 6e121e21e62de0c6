package io.github.civis.client.lookup;

import java.time.Duration;

import io.github.civis.client.CivisClient;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.sql.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of lookup has keys of its own in the shared cache: a credential whose name happens to
 * be the one a default-credential key would use gets its own answer.
 */
class CivisLookupsKeysTest {

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create(builder -> builder
        .seed(new Seed().database("redshift-general").credential("default-database", "Amazon Web Services S3")));

    @Test
    void aCredentialNamedLikeTheDefaultOneIsNotTheDefaultDatabaseCredential(CivisClient client) {
        CivisLookups lookups = client.lookups().withCache(LookupCache.bounded(Duration.ofHours(1), 100));

        long defaultCredential = lookups.defaultDatabaseCredentialId();
        long named = lookups.credentialId("default-database");

        assertThat(named).isNotEqualTo(defaultCredential);
        assertThat(lookups.defaultDatabaseCredentialId()).isEqualTo(defaultCredential);
        assertThat(lookups.credentialId("default-database")).isEqualTo(named);
    }

}
