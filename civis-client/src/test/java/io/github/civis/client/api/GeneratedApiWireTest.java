package io.github.civis.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisValidationException;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.model.AdminOrganization;
import io.github.civis.client.model.Credential;
import io.github.civis.client.model.ImportSync;
import io.github.civis.client.model.UserMe;
import io.github.civis.client.request.ImportsPostSyncsDestination;
import io.github.civis.client.request.ImportsPostSyncsSource;
import io.github.civis.client.request.ImportsPostSyncsSourceDatabaseTable;

/**
 * The generated API puts every value where the Civis API expects it: verb, route, path, query
 * (camelCase, {@code name[]} arrays) and body (only what was set, explicit nulls kept).
 */
class GeneratedApiWireTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MockWebServer server;
    private CivisClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = CivisClient.builder().baseUrl(server.url("/").toString()).apiKey("wire-test-key").build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void answer(int status, String body) {
        server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body)
            .build());
    }

    private RecordedRequest request() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    private static JsonNode body(RecordedRequest request) {
        return JSON.readTree(request.getBody().utf8());
    }

    @Test
    void getPutsThePathIdInTheRouteAndReadsTheTypedResponse() throws Exception {
        answer(200, "{\"id\": 42, \"name\": \"warehouse\", \"remoteHostId\": 7, \"newField\": [1, 2]}");
        Credential credential = client.credentials().get(42);
        RecordedRequest request = request();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/credentials/42");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer wire-test-key");
        assertThat(credential.id()).isEqualTo(42L);
        assertThat(credential.name()).isEqualTo("warehouse");
        assertThat(credential.remoteHostId()).isEqualTo(7L);
        assertThat(credential.additionalProperties()).containsOnlyKeys("newField");
        assertThat(JSON.writeValueAsString(credential))
            .isEqualTo("{\"id\":42,\"name\":\"warehouse\",\"remoteHostId\":7,\"newField\":[1,2]}");
    }

    @Test
    void queryValuesUseCamelCaseWireNames() throws Exception {
        answer(200, "[]");
        client.credentials().list(q -> q.type("Database").remoteHostId(24).limit(50));
        RecordedRequest request = request();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/credentials/");
        assertThat(request.getUrl().queryParameterNames()).containsExactlyInAnyOrder("type", "remoteHostId", "limit");
        assertThat(request.getUrl().queryParameter("remoteHostId")).isEqualTo("24");
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("50");
    }

    @Test
    void arrayQueryValuesRepeatWithBrackets() throws Exception {
        answer(200, "[{\"id\": 1, \"name\": \"Org\"}]");
        CivisList<AdminOrganization> orgs = client.admin().listOrganizations(q -> q.status(List.of("active", "trial")));
        RecordedRequest request = request();
        assertThat(request.getUrl().queryParameterValues("status[]")).containsExactly("active", "trial");
        assertThat(orgs).extracting(AdminOrganization::name).containsExactly("Org");
    }

    @Test
    void postSendsOnlyTheFieldsSet() throws Exception {
        answer(201, "{\"id\": 9, \"type\": \"Custom\"}");
        Credential made = client.credentials().post(b -> b.type("Custom").username("u").password("p"));
        RecordedRequest request = request();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/credentials/");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(request)).isEqualTo(JSON.readTree("{\"type\":\"Custom\",\"username\":\"u\",\"password\":\"p\"}"));
        assertThat(made.id()).isEqualTo(9L);
    }

    @Test
    void patchSendsExplicitNullToClearAValue() throws Exception {
        answer(200, "{\"id\": 42, \"name\": \"renamed\", \"description\": null}");
        client.credentials().patch(42, b -> b.name("renamed").description(null).isDefault(true));
        RecordedRequest request = request();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/credentials/42");
        assertThat(body(request))
            .isEqualTo(JSON.readTree("{\"name\":\"renamed\",\"description\":null,\"default\":true}"));
    }

    @Test
    void nestedBodyObjectsAreBuiltWithTheirOwnBuilders() throws Exception {
        answer(201, "{\"id\": 3}");
        ImportSync sync = client.imports().postSyncs(12, b -> b
            .source(ImportsPostSyncsSource.builder()
                .databaseTable(ImportsPostSyncsSourceDatabaseTable.builder().schema("s").table("t").build())
                .build())
            .destination(ImportsPostSyncsDestination.builder()
                .json("databaseTable", JsonNodeFactory.instance.objectNode().put("schema", "d"))
                .build()));
        RecordedRequest request = request();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/imports/12/syncs");
        assertThat(body(request)).isEqualTo(JSON.readTree(
                "{\"source\":{\"databaseTable\":{\"schema\":\"s\",\"table\":\"t\"}},\"destination\":{\"databaseTable\":{\"schema\":\"d\"}}}"));
        assertThat(sync.id()).isEqualTo(3L);
    }

    @Test
    void stringPathValuesAreEncodedAndTwoIdsKeepTheirPlaces() throws Exception {
        answer(200, "{\"id\": 1}");
        client.aliases().getObjectType("project", "my alias/x");
        assertThat(request().getUrl().encodedPath()).isEqualTo("/aliases/project/my%20alias%2Fx");
        answer(204, "");
        client.credentials().deleteSharesUsers(42, 7);
        RecordedRequest delete = request();
        assertThat(delete.getMethod()).isEqualTo("DELETE");
        assertThat(delete.getUrl().encodedPath()).isEqualTo("/credentials/42/shares/users/7");
    }

    @Test
    void honestGetNameAndTheDocumentedListNameCallTheSameRoute() throws Exception {
        answer(200, "{\"id\": 5, \"username\": \"me\"}");
        answer(200, "{\"id\": 5, \"username\": \"me\"}");
        UserMe viaGet = client.users().getMe();
        UserMe viaList = client.users().listMe();
        assertThat(request().getUrl().encodedPath()).isEqualTo("/users/me");
        assertThat(request().getUrl().encodedPath()).isEqualTo("/users/me");
        assertThat(viaGet).isEqualTo(viaList);
        assertThat(viaGet.username()).isEqualTo("me");
    }

    @Test
    void missingRequiredFieldFailsBeforeAnyHttpCall() {
        assertThatThrownBy(() -> client.credentials().post(b -> b.username("u")))
            .isInstanceOf(CivisValidationException.class)
            .hasMessageContaining("CredentialsApi.post")
            .hasMessageContaining("'type'");
        assertThatThrownBy(() -> client.scripts().postSql(b -> b.name("n")))
            .isInstanceOf(CivisValidationException.class)
            .hasMessageContaining("ScriptsApi.postSql")
            .hasMessageContaining("'sql'");
        assertThatThrownBy(() -> ImportsPostSyncsSourceDatabaseTable.builder().json("nope", JsonNodeFactory.instance.nullNode()))
            .isInstanceOf(CivisValidationException.class)
            .hasMessageContaining("no property 'nope'");
        assertThatThrownBy(() -> client.reactiveCredentials().post(b -> b.username("u")).block())
            .isInstanceOf(CivisValidationException.class)
            .hasMessageContaining("'type'");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void reactiveCallsSendNothingUntilSubscribed() throws Exception {
        answer(200, "{\"id\": 42}");
        var mono = client.reactiveCredentials().get(42);
        assertThat(server.getRequestCount()).isZero();
        assertThat(mono.block().id()).isEqualTo(42L);
        assertThat(request().getUrl().encodedPath()).isEqualTo("/credentials/42");
    }

    @Test
    void listAllWalksThePagesOfTheGeneratedListLazily() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .addHeader("X-Pagination-Total-Pages", "2").addHeader("X-Pagination-Total-Entries", "3")
            .body("[{\"id\": 1}, {\"id\": 2}]").build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .addHeader("X-Pagination-Total-Pages", "2").addHeader("X-Pagination-Total-Entries", "3")
            .body("[{\"id\": 3}]").build());
        try (var all = client.credentials().listAll(q -> q.type("Database").limit(2))) {
            assertThat(server.getRequestCount()).as("nothing fetched before the stream is consumed").isZero();
            assertThat(all.map(Credential::id)).containsExactly(1L, 2L, 3L);
        }
        RecordedRequest first = request();
        assertThat(first.getUrl().queryParameter("pageNum")).isEqualTo("1");
        assertThat(first.getUrl().queryParameter("limit")).isEqualTo("2");
        assertThat(first.getUrl().queryParameter("type")).isEqualTo("Database");
        assertThat(request().getUrl().queryParameter("pageNum")).isEqualTo("2");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void typeMismatchesKeepTheValueAndExplainOnAccess() throws Exception {
        answer(200, "{\"id\": \"42\", \"name\": 17, \"remoteHostId\": 1.5}");
        Credential credential = client.credentials().get(42);
        assertThat(credential.id()).as("an integer sent as a string is read losslessly").isEqualTo(42L);
        assertThat(credential.name()).isEqualTo("17");
        assertThatThrownBy(credential::remoteHostId)
            .isInstanceOf(io.github.civis.client.error.CivisTypeMismatchException.class)
            .hasMessageContaining("Credential.remoteHostId is declared as integer but the API sent number 1.5");
        assertThat(credential.json("remoteHostId").doubleValue()).isEqualTo(1.5);
        assertThat(JSON.writeValueAsString(credential)).isEqualTo("{\"id\":\"42\",\"name\":17,\"remoteHostId\":1.5}");
    }
}
