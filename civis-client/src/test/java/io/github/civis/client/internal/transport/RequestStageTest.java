package io.github.civis.client.internal.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.civis.client.error.CivisConfigurationException;
import io.github.civis.client.error.CivisValidationException;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.transport.OperationDescriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request stage alone: URI and query encoding, headers and authorization, key supply. */
class RequestStageTest {

    private final AtomicReference<String> key = new AtomicReference<>("key-one");
    private final RequestStage stage = new RequestStage(StageFixtures.settings(key::get),
            JsonMapper.builder().build());

    @Test
    void placeholdersAreMatchedByNameAndEncodedAsPathSegments() {
        OperationDescriptor operation = OperationDescriptor.builder("files", "put_tag")
                .javaMethod("FilesApi", "putTag")
                .route("PUT", "/files/{id}/tags/{tag}")
                .path("tag")
                .path("id")
                .build();

        RequestStage.Outgoing request = stage.build(operation,
                new CallArguments(Arrays.asList("a b/c", 42L), Map.of(), null), key.get());

        assertThat(request.path()).isEqualTo("/files/42/tags/a%20b%2Fc");
        assertThat(request.uri()).hasToString("http://127.0.0.1:9/api/files/42/tags/a%20b%2Fc");
        assertThat(request.method()).isEqualTo("PUT");
    }

    @Test
    void aMissingPathValueNamesTheParameter() {
        List<Object> none = new ArrayList<>();
        none.add(null);

        assertThatThrownBy(() -> stage.build(StageFixtures.GET_CREDENTIAL, new CallArguments(none, Map.of(), null),
                key.get()))
                .isInstanceOf(CivisValidationException.class)
                .hasMessageContaining("no value for path parameter 'id'");
    }

    @Test
    void queryValuesArriveExactlyAsGiven() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("name", List.of("a b;c+d*&é"));
        query.put("tag", List.of("x", "y~z"));

        RequestStage.Outgoing request = stage.build(StageFixtures.GET_CREDENTIAL,
                new CallArguments(List.of(1), query, null), key.get());

        assertThat(request.uri().getRawQuery())
                .isEqualTo("name=a%20b%3Bc%2Bd%2A%26%C3%A9&tag=x&tag=y~z");
    }

    @Test
    void headersCarryTheKeyFirstThenTheFixedOnesAndABodyIsJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", "n");

        RequestStage.Outgoing request = stage.build(StageFixtures.GET_CREDENTIAL,
                new CallArguments(List.of(1), Map.of(), body), "key-one");

        assertThat(request.headers()).containsExactly(Map.entry("Authorization", "Bearer key-one"),
                Map.entry("User-Agent", "civis-test/1"), Map.entry("Accept", "application/json"),
                Map.entry("X-Civis-Job-ID", "7"));
        assertThat(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"n\"}");
        assertThat(request.toString()).doesNotContain("key-one");
    }

    @Test
    void eachRequestAsksForTheKeyAgainSoARotatedKeyIsSent() {
        assertThat(stage.currentKey()).isEqualTo("key-one");
        key.set("  key-two \n");

        String rotated = stage.currentKey();

        assertThat(rotated).isEqualTo("key-two");
        assertThat(stage.build(StageFixtures.GET_CREDENTIAL, CallArguments.path(1), rotated).headers())
                .containsEntry("Authorization", "Bearer key-two");
    }

    @Test
    void aSupplierWithoutAKeyIsAConfigurationError() {
        key.set(" ");

        assertThatThrownBy(stage::currentKey)
                .isInstanceOf(CivisConfigurationException.class)
                .hasMessageContaining("API key supplier returned no key");
    }
}
