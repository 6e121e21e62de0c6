package io.github.civis.codegen.generator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.civis.catalog.Catalog;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations index leads from a route to its Java method, and the committed copy is current. */
class OperationsIndexTest {

    private static final Path PROJECT = Path.of("..");

    private static final Catalog CATALOG = Catalog.read(
            PROJECT.resolve("civis-catalog/src/main/resources/io/github/civis/catalog/civis-catalog.json"));

    @Test
    void everyOperationHasOneRowNamingItsJavaMethodAndSeedName() {
        OperationsIndex index = new OperationsIndex(CATALOG);

        assertThat(index.rows()).hasSize(CATALOG.operations().size());
        assertThat(index.markdown())
            .contains("| `/credentials/{id}` | GET | credentials | `CredentialsApi.get` | `credentials.get` |")
            .contains("| `/scripts/sql/{id}/runs` | POST | scripts | `ScriptsApi.postSqlRuns` | `scripts.post_sql_runs` |")
            .contains("| `/users/me` | GET | users | `UsersApi.getMe`, `listMe` | `users.list_me` |")
            .contains("`CredentialsApi.list`, `listAll` | `credentials.list` |");
        assertThat(index.html()).contains("{@link io.github.civis.client.api.CredentialsApi#get CredentialsApi.get}")
            .contains("<code>/credentials/&#123;id&#125;</code>");
    }

    @Test
    void committedIndexIsUpToDate() throws Exception {
        String committed = Files.readString(PROJECT.resolve("docs/operations.md"), StandardCharsets.UTF_8);

        assertThat(committed).as("docs/operations.md is stale: run scripts/operations-index")
            .isEqualTo(new OperationsIndex(CATALOG).markdown());
    }
}
