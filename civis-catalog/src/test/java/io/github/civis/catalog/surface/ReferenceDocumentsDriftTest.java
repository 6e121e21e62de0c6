package io.github.civis.catalog.surface;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.civis.testsupport.SharedReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's real documents read as surfaces: every route and verb is an operation (body
 * schemas behind {@code $ref}s included), and the 2023 and 2026-03 documents differ by the
 * operations the platform dropped and added in between.
 */
class ReferenceDocumentsDriftTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> VERBS = Set.of("get", "put", "post", "patch", "delete");

    @Test
    void theReferenceDocumentsReadAsTheirOperationsAndDifferByWhatThePlatformDroppedAndAdded() {
        JsonNode seed = JSON.readTree(SharedReference.require("civis-api-openapi.json").toFile());
        JsonNode current = JSON.readTree(SharedReference.require("civis-api-openapi-2026-03.json").toFile());

        ApiSurface before = ApiSurface.fromOpenApi(seed);
        ApiSurface now = ApiSurface.fromOpenApi(current);
        ApiDrift drift = ApiDrift.between(before, now);

        assertThat(before.size()).isEqualTo(operations(seed));
        assertThat(now.size()).isEqualTo(operations(current));
        assertThat(drift.removed()).hasSize(33)
            .contains(new ApiDrift.Drifted("PATCH", "/scripts/{id}", List.of()));
        assertThat(drift.added()).hasSize(111).extracting(ApiDrift.Drifted::route)
            .contains("/clusters/kubernetes/{id}/compute_metrics");
        // the body of POST /credentials/ is a $ref: its properties are read through it
        assertThat(before.operations().get("POST /credentials").parameters())
            .containsKeys("body:remotehostid", "body:type");
        // a property made optional (dockerImageName of POST /scripts/containers) or a new optional one
        // breaks no call: only the removed properties count
        assertThat(drift.changed()).containsExactly(
                new ApiDrift.Drifted("POST", "/groups/", List.of("body parameter 'mustAgreeToEula' was removed")),
                new ApiDrift.Drifted("PATCH", "/groups/{id}", List.of("body parameter 'mustAgreeToEula' was removed")),
                new ApiDrift.Drifted("PUT", "/groups/{id}", List.of("body parameter 'mustAgreeToEula' was removed")),
                new ApiDrift.Drifted("PUT", "/projects/{project_id}", List.of("body parameter 'autoShare' was removed")));
    }

    private static int operations(JsonNode document) {
        int count = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            count += (int) path.getValue().propertyNames().stream().filter(VERBS::contains).count();
        }
        return count;
    }
}
