package io.github.civis.client.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.ratelimit.RateLimitStatus;

import static io.github.civis.client.TestSupport.BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservationTest {

    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<CivisRetryEvent> retries = new CopyOnWriteArrayList<>();
    private final List<RateLimitStatus> limits = new CopyOnWriteArrayList<>();
    private MockWebServer server;
    private CivisClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestSupport.startServer();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onEvent(Observation.Event event, Observation.Context context) {
                events.add(event.getName());
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        client = TestSupport.clientFor(server, new RecordingSleeper())
                .observationRegistry(registry)
                .listener(new CivisClientListener() {
                    @Override
                    public void onRetry(CivisRetryEvent event) {
                        retries.add(event);
                    }

                    @Override
                    public void onRateLimit(RateLimitStatus status) {
                        limits.add(status);
                    }
                })
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static Map<String, String> lowCardinality(Observation.Context context) {
        return context.getLowCardinalityKeyValues().stream()
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    @Test
    void oneObservationPerLogicalCallWithRetriesToldToTheListenerOnly() {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", 1).body("{}").build());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("X-RateLimit-Limit", 1000)
                .setHeader("X-RateLimit-Remaining", 900).body("{}").build());

        client.transport().call(TestSupport.DELETE_SHARE, CallArguments.path(42, 7), BODY);

        assertThat(stopped).singleElement().satisfies(context -> {
            assertThat(context.getName()).isEqualTo("civis.client.requests");
            assertThat(context.getContextualName()).isEqualTo("civis credentials.delete_shares_users");
            assertThat(lowCardinality(context)).containsEntry("group", "credentials")
                    .containsEntry("operation", "delete_shares_users")
                    .containsEntry("method", "DELETE")
                    .containsEntry("status", "200")
                    .containsEntry("outcome", "SUCCESS")
                    .containsEntry("exception", "none");
            assertThat(context.getHighCardinalityKeyValue("uri").getValue())
                    .isEqualTo("/credentials/{id}/shares/users/{user_id}");
            assertThat(((CivisRequestContext) context).getAttempts()).isEqualTo(2);
        });
        assertThat(events).as("no observation event, which would count the retry twice").isEmpty();
        assertThat(retries).singleElement().satisfies(event -> {
            assertThat(event.failedAttempt()).isEqualTo(1);
            assertThat(event.operation()).isEqualTo(TestSupport.DELETE_SHARE);
        });
        assertThat(limits).containsExactly(new RateLimitStatus(1000L, 900L));
        assertThat(client.rateLimit().remaining()).isEqualTo(900L);
    }

    @Test
    void failuresAreTaggedWithStatusAndOutcome() {
        server.enqueue(TestSupport.json(404, "{\"error\":\"not_found\"}"));

        assertThatThrownBy(() -> client.transport().call(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY));

        assertThat(stopped).singleElement().satisfies(context -> {
            assertThat(lowCardinality(context)).containsEntry("status", "404")
                    .containsEntry("outcome", "CLIENT_ERROR")
                    .containsEntry("exception", "CivisNotFoundException");
            assertThat(context.getError()).isNotNull();
        });
    }

    @Test
    void callsWithoutAResponseAreTaggedAsIoErrors() {
        client.close();
        client = TestSupport.clientFor(server, new RecordingSleeper())
                .observationRegistry(registryInto(stopped))
                .retryPolicy(CivisRetryPolicy.none())
                .build();
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

        StepVerifier.create(client.transport().callReactive(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY))
                .expectError()
                .verify();

        assertThat(stopped).singleElement().satisfies(context -> assertThat(lowCardinality(context))
                .containsEntry("status", "IO_ERROR")
                .containsEntry("outcome", "UNKNOWN")
                .containsEntry("exception", "CivisTransportException"));
    }

    @Test
    void aCustomConventionCanChangeOneTag() {
        client.close();
        client = TestSupport.clientFor(server, new RecordingSleeper())
                .observationRegistry(registryInto(stopped))
                .observationConvention(new DefaultCivisClientObservationConvention() {
                    @Override
                    protected KeyValue operation(CivisRequestContext context) {
                        return KeyValue.of("operation", context.getOperation().javaName());
                    }
                })
                .build();
        server.enqueue(TestSupport.json(200, "{}"));

        client.transport().call(TestSupport.DELETE_SHARE, CallArguments.path(1, 2), BODY);

        assertThat(stopped).singleElement().satisfies(context -> assertThat(lowCardinality(context))
                .containsEntry("operation", "deleteSharesUsers")
                .containsEntry("group", "credentials"));
    }

    @Test
    void webClientObservationsOfEachAttemptNestUnderTheCall() {
        client.close();
        ObservationRegistry registry = registryInto(stopped);
        client = TestSupport.clientFor(server, new RecordingSleeper())
                .observationRegistry(registry)
                .webClientBuilder(org.springframework.web.reactive.function.client.WebClient.builder()
                        .observationRegistry(registry))
                .build();
        server.enqueue(TestSupport.json(503, "{}"));
        server.enqueue(TestSupport.json(200, "{}"));
        server.enqueue(TestSupport.json(200, "{}"));

        StepVerifier.create(client.transport().callReactive(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY))
                .expectNextCount(1)
                .verifyComplete();
        client.transport().call(TestSupport.GET_CREDENTIAL, CallArguments.path(1), BODY);

        List<Observation.Context> calls = stopped.stream().filter(CivisRequestContext.class::isInstance).toList();
        List<Observation.Context> attempts = stopped.stream().filter(c -> "http.client.requests".equals(c.getName()))
                .toList();
        assertThat(calls).hasSize(2);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.getParentObservation()).isNotNull()
                .satisfies(parent -> assertThat(parent.getContextView()).isIn(calls)));
    }

    @Test
    void documentationListsTheKeys() {
        assertThat(CivisObservationDocumentation.CLIENT_REQUEST.getLowCardinalityKeyNames())
                .extracting(io.micrometer.common.docs.KeyName::asString)
                .contains("group", "operation", "method", "status", "outcome");
        assertThat(CivisObservationDocumentation.CLIENT_REQUEST.getHighCardinalityKeyNames())
                .extracting(io.micrometer.common.docs.KeyName::asString)
                .containsExactly("uri");
    }

    private static ObservationRegistry registryInto(List<Observation.Context> sink) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                sink.add(context);
            }
        });
        return registry;
    }
}
