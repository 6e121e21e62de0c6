package io.github.civis.client.internal.transport;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;

import io.github.civis.client.internal.retry.Sleeper;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.transport.OperationDescriptor;

/** Settings and operations for the transport's stage tests, which need no server. */
final class StageFixtures {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static final OperationDescriptor GET_CREDENTIAL = OperationDescriptor.builder("credentials", "get")
            .javaMethod("CredentialsApi", "get")
            .route("GET", "/credentials/{id}")
            .path("id")
            .build();

    private StageFixtures() {
    }

    static TransportSettings settings(Supplier<String> key, CivisRetryPolicy policy, Sleeper sleeper,
            CivisClientListener listener) {
        return new TransportSettings(URI.create("http://127.0.0.1:9/api/"), key, "civis-test/1",
                Map.of("X-Civis-Job-ID", "7"), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5),
                policy, sleeper, Clock.fixed(NOW, ZoneOffset.UTC), ObservationRegistry.NOOP, null, listener,
                "the CIVIS_API_KEY environment variable");
    }

    static TransportSettings settings(Supplier<String> key) {
        return settings(key, CivisRetryPolicy.none(), duration -> {
        }, new CivisClientListener() {
        });
    }
}
