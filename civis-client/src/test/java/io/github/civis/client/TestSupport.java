package io.github.civis.client;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.internal.retry.Sleeper;
import io.github.civis.client.transport.OperationDescriptor;
import io.github.civis.client.transport.ParameterDescriptor;
import io.github.civis.client.transport.ParameterDescriptor.Location;
import io.github.civis.client.transport.ResponseReader;
import io.github.civis.testsupport.ManualClock;

/** Shared fixtures of the client tests: a local server, hand-made operations, a recording sleeper. */
public final class TestSupport {

    /** The secret every test client uses; tests check it never leaks. */
    public static final String SECRET_KEY = "sk-test-7f3a9c2e-DO-NOT-LEAK";

    /** {@code GET /credentials/{id}}. */
    public static final OperationDescriptor GET_CREDENTIAL = new OperationDescriptor("credentials", "get", "get",
            "CredentialsApi", "GET", "/credentials/{id}",
            List.of(new ParameterDescriptor("id", "id", Location.PATH, true, false)), false, 200, null);

    /** {@code GET /credentials}, paginated. */
    public static final OperationDescriptor LIST_CREDENTIALS = new OperationDescriptor("credentials", "list", "list",
            "CredentialsApi", "GET", "/credentials",
            List.of(new ParameterDescriptor("type", "type", Location.QUERY, false, false),
                    new ParameterDescriptor("limit", "limit", Location.QUERY, false, false),
                    new ParameterDescriptor("pageNum", "pageNum", Location.QUERY, false, false)),
            true, 200, null);

    /** {@code POST /credentials}. */
    public static final OperationDescriptor POST_CREDENTIAL = new OperationDescriptor("credentials", "post", "post",
            "CredentialsApi", "POST", "/credentials",
            List.of(new ParameterDescriptor("name", "name", Location.BODY, false, false)), false, 200, null);

    /** {@code PATCH /credentials/{id}}. */
    public static final OperationDescriptor PATCH_CREDENTIAL = new OperationDescriptor("credentials", "patch", "patch",
            "CredentialsApi", "PATCH", "/credentials/{id}",
            List.of(new ParameterDescriptor("id", "id", Location.PATH, true, false)), false, 200, null);

    /** {@code PUT /credentials/{id}}. */
    public static final OperationDescriptor PUT_CREDENTIAL = new OperationDescriptor("credentials", "put", "put",
            "CredentialsApi", "PUT", "/credentials/{id}",
            List.of(new ParameterDescriptor("id", "id", Location.PATH, true, false)), false, 200, null);

    /** {@code DELETE /credentials/{id}/shares/users/{user_id}}. */
    public static final OperationDescriptor DELETE_SHARE = new OperationDescriptor("credentials", "delete_shares_users",
            "deleteSharesUsers", "CredentialsApi", "DELETE", "/credentials/{id}/shares/users/{user_id}",
            List.of(new ParameterDescriptor("id", "id", Location.PATH, true, false),
                    new ParameterDescriptor("userId", "user_id", Location.PATH, true, false)),
            false, 204, null);

    /** A reader returning the body as is. */
    public static final ResponseReader<JsonNode> BODY = (body, metadata) -> body;

    private TestSupport() {
    }

    /** A server on 127.0.0.1 at a free port. */
    public static MockWebServer startServer() throws IOException {
        MockWebServer server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }

    /** A JSON response. */
    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** A builder pointed at the server, with the test key, a recording sleeper and an empty environment. */
    public static CivisClient.Builder clientFor(MockWebServer server, RecordingSleeper sleeper) {
        CivisClient.Builder builder = CivisClient.builder();
        builder.hooks(hooks -> hooks.withEnvironment(name -> null).withSleeper(sleeper)
                .withClock(sleeper.clock()));
        return builder
                .baseUrl(server.url("/").toString())
                .apiKey(SECRET_KEY)
                .retryPolicy(CivisRetryPolicy.builder().jitter(() -> 1.0).build());
    }

    /** An environment backed by a map. */
    public static java.util.function.Function<String, String> environment(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values::get;
    }

    /** Records every wait and moves its clock forward instead of waiting. */
    public static final class RecordingSleeper implements Sleeper {

        private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
        private final ManualClock clock = new ManualClock();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            clock.advance(duration);
        }

        @Override
        public Mono<Void> delay(Duration duration) {
            return Mono.fromRunnable(() -> sleep(duration));
        }

        /** The waits so far. */
        public List<Duration> sleeps() {
            return sleeps;
        }

        /** A clock that the waits move forward. */
        public Clock clock() {
            return clock;
        }
    }
}
