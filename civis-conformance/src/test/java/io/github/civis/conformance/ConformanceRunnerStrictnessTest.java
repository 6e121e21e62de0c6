package io.github.civis.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.CivisApiGroups;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.transport.CivisTransport;
import io.github.civis.client.transport.OperationDescriptor;
import io.github.civis.client.transport.ResponseReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner passes what conforms and fails, with a reason naming the problem, what does not:
 * broken recordings written here, and clients that deviate from a correct recording.
 */
class ConformanceRunnerStrictnessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CREDENTIAL = """
            {"id": 42, "name": "db", "type": "Database", "remoteHostId": 24, "description": null}""";

    private static final String GET_CREDENTIAL = """
            {"id": 1, "operation": {"verb": "GET", "path": "/credentials/{id}"},
             "request": {"method": "GET", "path": "/credentials/42", "query": {}, "body": null},
             "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": %s}}"""
        .formatted(CREDENTIAL);

    private static final String PATCH_CREDENTIAL = """
            {"id": 2, "operation": {"verb": "PATCH", "path": "/credentials/{id}"},
             "request": {"method": "PATCH", "path": "/credentials/42", "query": {},
                         "body": {"id": 42, "name": "db", "description": "snake and camel keys alike"}},
             "response": {"status": 200, "headers": {}, "body": %s}}""".formatted(CREDENTIAL);

    private static final String LIST_CREDENTIALS = """
            {"id": 3, "operation": {"verb": "GET", "path": "/credentials/"},
             "request": {"method": "GET", "path": "/credentials", "rawQuery": "remote_host_id=24",
                         "query": {"remote_host_id": "24"}, "body": null},
             "response": {"status": 200,
                          "headers": {"X-Pagination-Per-Page": "50", "X-Pagination-Current-Page": "1",
                                      "X-Pagination-Total-Pages": "1", "X-Pagination-Total-Entries": "1"},
                          "body": [%s]}}""".formatted(CREDENTIAL);

    private static final String NOT_FOUND = """
            {"id": 4, "operation": {"verb": "GET", "path": "/credentials/{id}"},
             "request": {"method": "GET", "path": "/credentials/7"},
             "response": {"status": 404, "headers": {},
                          "body": {"error": "not_found", "errorDescription": "The requested resource could not be found.", "code": 404}}}""";

    /** Array query values, a form-encoded raw query, and a value sent in another type than declared. */
    private static final String LIST_TABLES = """
            {"id": 6, "operation": {"verb": "GET", "path": "/tables/"},
             "request": {"method": "GET", "path": "/tables",
                         "rawQuery": "table_tag_ids[]=1&table_tag_ids[]=2&name=a+b%25&databaseId=03"},
             "response": {"status": 200, "headers": {}, "body": []}}""";

    @Test
    void conformingRecordingsPass() {
        ConformanceReport report = run(GET_CREDENTIAL, PATCH_CREDENTIAL, LIST_CREDENTIALS, NOT_FOUND, LIST_TABLES);

        assertThat(report.outcomes()).extracting(ConformanceReport.Outcome::line).containsExactly(
                "PASS 1 GET /credentials/{id}", "PASS 2 PATCH /credentials/{id}", "PASS 3 GET /credentials/",
                "PASS 4 GET /credentials/{id}", "PASS 6 GET /tables/");
        assertThat(report.failed()).isZero();
        assertThat(report.rawValues()).containsOnlyKeys("TablesListRequest.databaseId: declared long, recorded \"03\"");
    }

    @Test
    void placeholderLeftUnfilledTakesTheMergedValue() {
        // Rails fills {sync_id} from the merged params when the path carries the bare ":sync_id".
        String recording = """
                {"id": 7, "operation": {"verb": "DELETE", "path": "/imports/{id}/syncs/{sync_id}"},
                 "request": {"method": "DELETE", "path": "/imports/5/syncs/%3Async_id", "query": {"sync_id": "6"}},
                 "response": {"status": 204, "headers": {}, "body": null}}""";

        assertThat(onlyOutcome(run(recording)).line()).isEqualTo("PASS 7 DELETE /imports/{id}/syncs/{sync_id}");
        assertThat(onlyOutcome(run(recording.replace("\"query\": {\"sync_id\": \"6\"}", "\"query\": {}"))).reason())
            .isEqualTo("the recorded path leaves {sync_id} unfilled (':sync_id') and no query or body value of that"
                    + " name gives it");
    }

    @Test
    void unknownRouteFails() {
        String recording = GET_CREDENTIAL.replace("\"/credentials/{id}\"", "\"/credentials/{id}/colours\"")
            .replace("\"/credentials/42\"", "\"/credentials/42/colours\"");

        assertThat(onlyOutcome(run(recording)).line())
            .isEqualTo("FAIL 1 GET /credentials/{id}/colours: the client has no method for GET /credentials/{id}/colours");
    }

    @Test
    void bodyKeyTheMethodDoesNotTakeFails() {
        String recording = PATCH_CREDENTIAL.replace("\"name\": \"db\",", "\"name\": \"db\", \"favourite_colour\": \"red\",");

        ConformanceReport.Outcome outcome = onlyOutcome(run(recording));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.reason()).isEqualTo("CredentialsApi.patch takes no body property 'favourite_colour'");
    }

    @Test
    void queryKeyTheMethodDoesNotTakeFails() {
        String recording = LIST_CREDENTIALS.replace("{\"remote_host_id\": \"24\"}", "{\"remote_host_id\": \"24\", \"colour\": \"red\"}");

        assertThat(onlyOutcome(run(recording)).reason()).isEqualTo("CredentialsApi.list takes no query parameter 'colour'");
    }

    @Test
    void pathThatDoesNotMatchTheRouteFails() {
        assertThat(onlyOutcome(run(GET_CREDENTIAL.replace("\"/credentials/42\"", "\"/credentials/42/x\""))).reason())
            .isEqualTo("the recorded path /credentials/42/x does not match the route /credentials/{id}");
    }

    /** Recordings used by the rules below. */
    private static final String LIST_WORKFLOWS = """
            {"id": 10, "operation": {"verb": "GET", "path": "/workflows/"},
             "request": {"method": "GET", "path": "/workflows", "rawQuery": "state%5B%5D=running&state%5B%5D=failed"},
             "response": {"status": 200, "headers": {}, "body": []}}""";

    private static final String PATCH_WITH_NULL = """
            {"id": 11, "operation": {"verb": "PATCH", "path": "/credentials/{id}"},
             "request": {"method": "PATCH", "path": "/credentials/42", "query": {},
                         "body": {"name": "db", "description": null}},
             "response": {"status": 200, "headers": {}, "body": %s}}""".formatted(CREDENTIAL);

    /** The method takes (id, sourceTableId): the documented order, not the route's. */
    private static final String CASS_NCOA = """
            {"id": 12, "operation": {"verb": "GET", "path": "/tables/{source_table_id}/enhancements/cass-ncoa/{id}"},
             "request": {"method": "GET", "path": "/tables/5/enhancements/cass-ncoa/9"},
             "response": {"status": 200, "headers": {}, "body": {"id": 9, "sourceTableId": 5, "state": "idle"}}}""";

    @Test
    void arrayQueryParameterMustBeSentWithItsBrackets() {
        ConformanceReport conforming = run(LIST_WORKFLOWS);
        ConformanceReport bare = run(tampering(arguments -> {
            Map<String, List<String>> query = new LinkedHashMap<>();
            arguments.query().forEach((name, values) -> query.put(name.replace("[]", ""), values));
            return new CallArguments(arguments.pathValues(), query, arguments.body());
        }, UnaryOperator.identity()), LIST_WORKFLOWS);

        assertThat(onlyOutcome(conforming).line()).isEqualTo("PASS 10 GET /workflows/");
        assertThat(onlyOutcome(bare).reason())
            .isEqualTo("WorkflowsApi.list sent query state=running&state=failed instead of {state[]=[running, failed]}");
    }

    @Test
    void recordedBracketsOnASingleValuedParameterCannotPassWithoutThem() {
        // remote_host_id is a single value: the client sends remoteHostId=24, not the recorded remote_host_id[]=24.
        String recording = LIST_CREDENTIALS.replace("\"rawQuery\": \"remote_host_id=24\",", "")
            .replace("{\"remote_host_id\": \"24\"}", "{\"remote_host_id[]\": \"24\"}");

        assertThat(onlyOutcome(run(recording)).reason())
            .isEqualTo("CredentialsApi.list sent query remoteHostId=24 instead of {remote_host_id[]=[24]}");
    }

    @Test
    void explicitNullInTheRecordedBodyMustBeSent() {
        ConformanceReport conforming = run(PATCH_WITH_NULL);
        ConformanceReport dropsNulls = run(tampering(arguments -> {
            ObjectNode body = JSON.createObjectNode();
            arguments.body().properties().stream().filter(property -> !property.getValue().isNull())
                .forEach(property -> body.set(property.getKey(), property.getValue()));
            return new CallArguments(arguments.pathValues(), arguments.query(), body);
        }, UnaryOperator.identity()), PATCH_WITH_NULL);

        assertThat(onlyOutcome(conforming).line()).isEqualTo("PASS 11 PATCH /credentials/{id}");
        assertThat(onlyOutcome(dropsNulls).reason())
            .isEqualTo("CredentialsApi.patch sent body differs at /description: missing (expected null)");
    }

    @Test
    void pathValuesGoToTheirPlaceholdersByName() {
        ConformanceReport conforming = run(CASS_NCOA);
        ConformanceReport swapped = run(tampering(arguments -> new CallArguments(
                List.of(arguments.pathValues().get(1), arguments.pathValues().get(0)), arguments.query(), arguments.body()),
                UnaryOperator.identity()), CASS_NCOA);

        assertThat(onlyOutcome(conforming).line())
            .isEqualTo("PASS 12 GET /tables/{source_table_id}/enhancements/cass-ncoa/{id}");
        assertThat(onlyOutcome(swapped).reason()).isEqualTo("TablesApi.getEnhancementsCassNcoa sent path"
                + " /tables/9/enhancements/cass-ncoa/5 instead of /tables/5/enhancements/cass-ncoa/9");
    }

    @Test
    void typedValuesMustBeTheRecordedOnes() {
        // The list's JSON is the recorded one, but its elements were read from other JSON: re-serialising
        // the list cannot see it, reading it through the typed accessors does.
        ConformanceReport report = run(baseUrl -> new TamperedClient(new ElementSwappingTransport(
                CivisClient.builder().baseUrl(baseUrl).apiKey(ConformanceRunner.API_KEY).build().transport())),
                LIST_CREDENTIALS);

        assertThat(onlyOutcome(report).reason()).isEqualTo("the CivisList returned by CredentialsApi.list gives"
                + " \"renamed\" at /0/name through its typed accessor, but the API sent \"db\"");
    }

    @Test
    void recordingTheTypedApiCannotExpressIsSkipped() {
        ConformanceReport report = run(GET_CREDENTIAL.replace("\"/credentials/42\"", "\"/credentials/abc\""),
                GET_CREDENTIAL);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        report.print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()).containsExactly(
                "SKIP 1 GET /credentials/{id}: path value 'abc' of {id} is not an integer, but the method takes a long",
                "PASS 1 GET /credentials/{id}",
                "1 passed, 0 failed, 1 skipped");
    }

    @Test
    void wrongExpectedBodyFails() {
        // DELETE /credentials/{id} returns nothing, so a recorded body cannot be what the client gives back.
        String recording = """
                {"id": 5, "operation": {"verb": "DELETE", "path": "/credentials/{id}"},
                 "request": {"method": "DELETE", "path": "/credentials/42"},
                 "response": {"status": 200, "headers": {}, "body": {"id": 42}}}""";

        assertThat(onlyOutcome(run(recording)).reason())
            .isEqualTo("CredentialsApi.delete returned nothing, but the API sent {\"id\":42}");
    }

    @Test
    void aPaginationHeaderRecordedEmptyIsShownEmptyNotAbsent() {
        String recording = LIST_CREDENTIALS.replace("\"X-Pagination-Current-Page\": \"1\"",
                "\"X-Pagination-Current-Page\": \"\"");

        assertThat(onlyOutcome(run(recording)).line()).isEqualTo("PASS 3 GET /credentials/");
    }

    @Test
    void paginationHeadersOnAMethodThatReturnsNoListFail() {
        String recording = GET_CREDENTIAL.replace("\"headers\": {\"Content-Type\": \"application/json\"}",
                "\"headers\": {\"X-Pagination-Total-Entries\": \"1\"}");

        assertThat(onlyOutcome(run(recording)).reason())
            .isEqualTo("CredentialsApi.get returns a Credential, which does not show the recorded"
                    + " X-Pagination-Total-Entries header");
    }

    @Test
    void wrongStatusFails() {
        // 204 No Content carries no body, so the recorded credential can never reach the client,
        // which refuses an empty answer where the operation declares an object.
        String recording = GET_CREDENTIAL.replace("\"status\": 200", "\"status\": 204");

        assertThat(onlyOutcome(run(recording)).reason())
            .startsWith("CredentialsApi.get threw io.github.civis.client.error.CivisResponseFormatException")
            .contains("returned 204 with an empty body where the API declares object");
    }

    @Test
    void clientThatChangesTheResponseFails() {
        ConformanceReport report = run(tampering(UnaryOperator.identity(), body -> {
            ObjectNode copy = (ObjectNode) body.deepCopy();
            copy.put("name", "renamed");
            return copy;
        }), GET_CREDENTIAL);

        assertThat(onlyOutcome(report).reason())
            .isEqualTo("the Credential returned by CredentialsApi.get differs from the recorded body at /name:"
                    + " expected \"db\", got \"renamed\"");
    }

    @Test
    void clientThatSendsAnotherBodyFails() {
        ConformanceReport report = run(tampering(arguments -> {
            ObjectNode body = arguments.body().deepCopy();
            body.put("password", "secret");
            return new CallArguments(arguments.pathValues(), arguments.query(), body);
        }, UnaryOperator.identity()), PATCH_CREDENTIAL);

        assertThat(onlyOutcome(report).reason())
            .isEqualTo("CredentialsApi.patch sent body differs at /password: not in the recording (got \"secret\")");
    }

    @Test
    void clientThatSendsAnotherPathOrQueryFails() {
        ConformanceReport path = run(tampering(arguments -> CallArguments.path(43L), UnaryOperator.identity()),
                GET_CREDENTIAL);
        ConformanceReport query = run(tampering(arguments -> arguments.withQuery("remoteHostId", "25"),
                UnaryOperator.identity()), LIST_CREDENTIALS);

        assertThat(onlyOutcome(path).reason()).isEqualTo("CredentialsApi.get sent path /credentials/43 instead of /credentials/42");
        assertThat(onlyOutcome(query).reason())
            .isEqualTo("CredentialsApi.list sent query remoteHostId=25 instead of {remote_host_id=[24]}");
    }

    private static io.github.civis.client.error.CivisApiError withStatus(io.github.civis.client.error.CivisApiError e,
            int status) {
        return new io.github.civis.client.error.CivisApiError(status, e.httpMethod(), e.route(), e.path(), e.error(),
                e.errorDescription(), e.code(), e.rateLimit(), e.retryAfter(), e.bodyExcerpt());
    }

    private static io.github.civis.client.error.CivisApiError withDescription(io.github.civis.client.error.CivisApiError e,
            String description) {
        return new io.github.civis.client.error.CivisApiError(e.status(), e.httpMethod(), e.route(), e.path(), e.error(),
                description, e.code(), e.rateLimit(), e.retryAfter(), e.bodyExcerpt());
    }

    @Test
    void clientThatReportsAnotherErrorFails() {
        ConformanceReport status = run(tampering(error -> CivisApiException.of(withStatus(error.details(), 500))),
                NOT_FOUND);
        ConformanceReport description = run(tampering(error -> CivisApiException.of(
                withDescription(error.details(), "Something went wrong"))), NOT_FOUND);
        ConformanceReport other = run(tampering(error -> new IllegalStateException("boom")), NOT_FOUND);

        assertThat(onlyOutcome(status).reason()).isEqualTo("CredentialsApi.get failed with HTTP 500 instead of 404");
        assertThat(onlyOutcome(description).reason()).isEqualTo("CredentialsApi.get reports errorDescription"
                + " \"Something went wrong\" instead of \"The requested resource could not be found.\"");
        assertThat(onlyOutcome(other).reason()).isEqualTo("CredentialsApi.get threw java.lang.IllegalStateException: boom"
                + " instead of a CivisApiException with HTTP 404");
    }

    @Test
    void clientThatSendsNothingFails() {
        ConformanceReport report = run(baseUrl -> new TamperedClient(new SwallowingTransport()), NOT_FOUND);

        assertThat(onlyOutcome(report).reason()).isEqualTo("CredentialsApi.get sent no request");
    }

    @Test
    void fileThatIsNotAnArrayIsReported() {
        ConformanceReport report = ConformanceRunner.run(JSON.readTree("{\"recordings\": []}"), "examples.json");

        assertThat(onlyOutcome(report).line())
            .isEqualTo("FAIL examples.json - -: not a JSON array of recordings (it holds object)");
        assertThat(report.failed()).isEqualTo(1);
    }

    @Test
    void recordingsMissingFieldsAreReportedAndTheOthersStillRun() {
        String noPath = """
                {"id": 9, "operation": {"verb": "GET", "path": "/credentials/{id}"},
                 "request": {"method": "GET"}, "response": {"status": 200}}""";
        String noId = """
                {"operation": {"path": "/credentials/{id}"}, "request": {}, "response": {}}""";

        ConformanceReport report = run(noPath, GET_CREDENTIAL, noId, "42");

        assertThat(report.outcomes()).extracting(ConformanceReport.Outcome::line).containsExactly(
                "FAIL 9 GET /credentials/{id}: invalid recording: missing or malformed required field 'request.path'",
                "PASS 1 GET /credentials/{id}",
                "FAIL #2 ? /credentials/{id}: invalid recording: missing or malformed required field 'operation.verb'",
                "FAIL #3 ? ?: invalid recording: not a JSON object");
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(3);
    }

    private static ConformanceReport run(String... recordings) {
        return ConformanceRunner.run(JSON.readTree("[" + String.join(",", recordings) + "]"), "inline");
    }

    private static ConformanceReport run(Function<String, CivisApiGroups> client, String... recordings) {
        return ConformanceRunner.run(JSON.readTree("[" + String.join(",", recordings) + "]"), "inline", client);
    }

    private static ConformanceReport.Outcome onlyOutcome(ConformanceReport report) {
        assertThat(report.outcomes()).hasSize(1);
        return report.outcomes().get(0);
    }

    /** A client whose transport changes what is sent or what was received. */
    private static Function<String, CivisApiGroups> tampering(UnaryOperator<CallArguments> request,
            UnaryOperator<JsonNode> response) {
        return baseUrl -> new TamperedClient(new TamperingTransport(
                CivisClient.builder().baseUrl(baseUrl).apiKey(ConformanceRunner.API_KEY).build().transport(),
                request,
                response, error -> error));
    }

    /** A client whose transport reports API errors differently. */
    private static Function<String, CivisApiGroups> tampering(Function<CivisApiException, RuntimeException> error) {
        return baseUrl -> new TamperedClient(new TamperingTransport(
                CivisClient.builder().baseUrl(baseUrl).apiKey(ConformanceRunner.API_KEY).build().transport(),
                UnaryOperator.identity(), UnaryOperator.identity(), error));
    }

    private static final class TamperedClient extends CivisApiGroups {

        TamperedClient(CivisTransport transport) {
            super(transport);
        }
    }

    private record TamperingTransport(CivisTransport delegate, UnaryOperator<CallArguments> request,
            UnaryOperator<JsonNode> response, Function<CivisApiException, RuntimeException> error)
            implements CivisTransport {

        @Override
        public <T> T call(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
            try {
                return delegate.call(operation, request.apply(arguments),
                        (body, metadata) -> reader.read(response.apply(body), metadata));
            }
            catch (CivisApiException ex) {
                throw error.apply(ex);
            }
        }

        @Override
        public <T> Mono<T> callReactive(OperationDescriptor operation, CallArguments arguments,
                ResponseReader<T> reader) {
            return delegate.callReactive(operation, request.apply(arguments),
                    (body, metadata) -> reader.read(response.apply(body), metadata));
        }

        @Override
        public <T> Stream<T> stream(OperationDescriptor operation, CallArguments arguments,
                Function<JsonNode, T> element) {
            return delegate.stream(operation, request.apply(arguments), element);
        }

        @Override
        public <T> Flux<T> flux(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
            return delegate.flux(operation, request.apply(arguments), element);
        }
    }

    /**
     * A transport whose lists keep the JSON the API sent but hold elements read from a copy in
     * which every {@code name} is {@code renamed}.
     */
    private record ElementSwappingTransport(CivisTransport delegate) implements CivisTransport {

        @Override
        @SuppressWarnings("unchecked")
        public <T> T call(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
            return delegate.call(operation, arguments, (body, metadata) -> {
                T read = reader.read(body, metadata);
                if (!(read instanceof CivisList<?> list) || list.isEmpty()) {
                    return read;
                }
                Class<?> type = list.get(0).getClass();
                return (T) CivisList.read(list.json(), list.pageInfo(), node -> {
                    ObjectNode renamed = (ObjectNode) node.deepCopy();
                    renamed.put("name", "renamed");
                    try {
                        return type.getConstructor(JsonNode.class).newInstance(renamed);
                    }
                    catch (ReflectiveOperationException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
            });
        }

        @Override
        public <T> Mono<T> callReactive(OperationDescriptor operation, CallArguments arguments,
                ResponseReader<T> reader) {
            return delegate.callReactive(operation, arguments, reader);
        }

        @Override
        public <T> Stream<T> stream(OperationDescriptor operation, CallArguments arguments,
                Function<JsonNode, T> element) {
            return delegate.stream(operation, arguments, element);
        }

        @Override
        public <T> Flux<T> flux(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
            return delegate.flux(operation, arguments, element);
        }
    }

    /** A transport that never calls the API and answers every call with nothing. */
    private static final class SwallowingTransport implements CivisTransport {

        @Override
        public <T> T call(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
            return null;
        }

        @Override
        public <T> Mono<T> callReactive(OperationDescriptor operation, CallArguments arguments,
                ResponseReader<T> reader) {
            return Mono.empty();
        }

        @Override
        public <T> Stream<T> stream(OperationDescriptor operation, CallArguments arguments,
                Function<JsonNode, T> element) {
            return Stream.empty();
        }

        @Override
        public <T> Flux<T> flux(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
            return Flux.empty();
        }
    }
}
