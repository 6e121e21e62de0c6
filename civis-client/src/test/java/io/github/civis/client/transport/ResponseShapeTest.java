package io.github.civis.client.transport;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.error.CivisResponseFormatException;
import io.github.civis.client.error.CivisValidationException;
import io.github.civis.client.request.CredentialsPostRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A response must have the shape the operation declares, and a required value must be present
 * and not null.
 */
class ResponseShapeTest {

    private MockWebServer server;
    private CivisClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestSupport.startServer();
        client = TestSupport.clientFor(server, new RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "[]", "[{\"id\":1}]", "\"alice\"", "null", "42" })
    void aBodyThatIsNotAnObjectWhereAnObjectIsDeclaredIsAFormatError(String body) {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body)
                .build());

        assertThatThrownBy(() -> client.users().getMe())
                .isInstanceOfSatisfying(CivisResponseFormatException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(200);
                    assertThat(ex.route()).isEqualTo("/users/me");
                    assertThat(ex.getMessage()).contains("object");
                });
    }

    @Test
    void theReactiveApiSignalsTheSameFormatError() {
        server.enqueue(TestSupport.json(200, "[]"));

        StepVerifier.create(client.reactiveUsers().getMe())
                .expectError(CivisResponseFormatException.class)
                .verify(java.time.Duration.ofSeconds(10));
    }

    @Test
    void anObjectBodyIsStillRead() {
        server.enqueue(TestSupport.json(200, "{\"id\":7,\"username\":\"alice\"}"));

        assertThat(client.users().getMe().username()).isEqualTo("alice");
    }

    @Test
    void aRequiredBodyValueSetToNullCountsAsMissing() {
        CredentialsPostRequest request = CredentialsPostRequest.builder().type("Custom").username("alice")
                .password(null).build();
        server.enqueue(TestSupport.json(201, "{\"id\":1}"));

        assertThatThrownBy(() -> client.credentials().post(request))
                .isInstanceOf(CivisValidationException.class)
                .hasMessageContaining("'password'");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aRequiredPropertyOfANestedInputSetToNullCountsAsMissing() {
        assertThatThrownBy(() -> io.github.civis.client.request.EnhancementsPostCivisDataMatchInputTable.builder()
                .databaseName(null).schema("public").table("people").build())
                .isInstanceOf(CivisValidationException.class)
                .hasMessageContaining("'databaseName'");
    }
}
