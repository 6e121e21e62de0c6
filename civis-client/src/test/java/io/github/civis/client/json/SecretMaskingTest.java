package io.github.civis.client.json;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.api.CredentialsOperations;
import io.github.civis.client.error.CivisTypeMismatchException;
import io.github.civis.client.model.CredentialTemporary;
import io.github.civis.client.model.ServiceTokenPostResponse;
import io.github.civis.client.model.UserApiKeyPostResponse;
import io.github.civis.client.request.CredentialsPostRequest;
import io.github.civis.client.request.RemoteHostsListDataSetsRequest;
import io.github.civis.client.transport.CallArguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values of fields that hold secrets (passwords, secret keys, tokens) print as {@code ****};
 * the JSON sent and received keeps them.
 */
class SecretMaskingTest {

    private static final String SECRET = "s3cr3t-DO-NOT-PRINT";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRequestPrintsItsPasswordMaskedButSendsIt() {
        CredentialsPostRequest request = CredentialsPostRequest.builder().type("Custom").username("alice")
                .password(SECRET).build();

        assertThat(request.toString()).doesNotContain(SECRET).contains("****").contains("alice");
        assertThat(request.body().get("password").asString()).isEqualTo(SECRET);
        CallArguments arguments = CallArguments.of(CredentialsOperations.POST, List.of(), request);
        assertThat(arguments.toString()).doesNotContain(SECRET).contains("alice");
    }

    @Test
    void aPasswordInTheQueryPrintsMasked() {
        RemoteHostsListDataSetsRequest request = RemoteHostsListDataSetsRequest.builder().username("alice")
                .password(SECRET).build();

        assertThat(request.toString()).doesNotContain(SECRET).contains("****");
        assertThat(request.query().get("password")).containsExactly(SECRET);
    }

    @Test
    void aResponsePrintsSecretsMaskedAndIdsAsSent() throws Exception {
        JsonNode sent = JSON.readTree("{\"accessKey\":\"AKIAEXAMPLE\",\"secretAccessKey\":\"" + SECRET
                + "\",\"sessionToken\":\"" + SECRET + "-session\"}");
        CredentialTemporary temporary = new CredentialTemporary(sent);

        assertThat(temporary.toString()).doesNotContain(SECRET).contains("AKIAEXAMPLE").contains("****");
        assertThat(temporary.secretAccessKey()).isEqualTo(SECRET);
        assertThat(temporary.json()).isEqualTo(sent);
        assertThat(JSON.writeValueAsString(temporary)).contains(SECRET);
    }

    @Test
    void tokensAndApiKeysPrintMaskedButFlagsAndIdsDoNot() throws Exception {
        ServiceTokenPostResponse token = new ServiceTokenPostResponse(
                JSON.readTree("{\"id\":5,\"machineToken\":true,\"token\":\"" + SECRET + "\"}"));
        UserApiKeyPostResponse key = new UserApiKeyPostResponse(
                JSON.readTree("{\"id\":6,\"name\":\"ci\",\"token\":\"" + SECRET + "\"}"));

        assertThat(token.toString()).doesNotContain(SECRET).contains("\"machineToken\":true").contains("\"id\":5");
        assertThat(key.toString()).doesNotContain(SECRET).contains("\"name\":\"ci\"");
    }

    @Test
    void aSecretSentInAnotherShapeIsNotPrintedByTheMismatchError() throws Exception {
        CredentialTemporary temporary = new CredentialTemporary(
                JSON.readTree("{\"secretAccessKey\":{\"value\":\"" + SECRET + "\"}}"));

        assertThatThrownBy(temporary::secretAccessKey)
                .isInstanceOf(CivisTypeMismatchException.class)
                .hasMessageNotContaining(SECRET)
                .hasMessageContaining("secretAccessKey");
    }
}
