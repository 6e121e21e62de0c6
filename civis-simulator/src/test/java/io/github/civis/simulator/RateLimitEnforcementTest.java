package io.github.civis.simulator;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The platform's rate limits, enforced per key when asked: the general bucket and the
 * run-creating one, their headers, 429 with {@code Retry-After}, and the counts in the stats.
 * The clock is fixed, so that no window ends during a test.
 */
class RateLimitEnforcementTest {

    /** 12 s into a 60 s window. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_012L), ZoneOffset.UTC);

    private static CivisSimulator limited() {
        return CivisSimulator.builder().apiKey("alice-key", "alice").apiKey("bob-key", "bob").clock(CLOCK)
            .rateLimit(3, Duration.ofSeconds(60)).runRateLimit(1, Duration.ofSeconds(60)).build().start();
    }

    @Test
    void pastTheGeneralLimitAKeyGets429WithRetryAfterAndTheHeadersCountDown() {
        try (CivisSimulator simulator = limited()) {
            String url = simulator.baseUrl() + "users/me";
            for (int remaining = 2; remaining >= 0; remaining--) {
                HttpResponse<String> ok = RawHttp.send("GET", url, RawHttp.bearer("alice-key"), null);
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
                assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(remaining));
            }

            HttpResponse<String> refused = RawHttp.send("GET", url, RawHttp.bearer("alice-key"), null);
            HttpResponse<String> otherKey = RawHttp.send("GET", url, RawHttp.bearer("bob-key"), null);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("48");
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            assertThat(RawHttp.json(refused).path("errorDescription").asString()).contains("Rate limit exceeded");
            assertThat(otherKey.statusCode()).as("each key has its own budget").isEqualTo(200);
        }
    }

    @Test
    void runCreatingRequestsHaveTheirOwnBucket() {
        try (CivisSimulator simulator = limited()) {
            String base = simulator.baseUrl();
            long jobId = RawHttp.json(RawHttp.send("POST", base + "scripts/python3", RawHttp.bearer("alice-key"),
                    "{\"name\":\"s\",\"source\":\"print(1)\"}")).path("id").asLong();

            HttpResponse<String> first = RawHttp.send("POST", base + "jobs/" + jobId + "/runs",
                    RawHttp.bearer("alice-key"), null);
            HttpResponse<String> second = RawHttp.send("POST", base + "jobs/" + jobId + "/runs",
                    RawHttp.bearer("alice-key"), null);
            HttpResponse<String> general = RawHttp.send("GET", base + "users/me", RawHttp.bearer("alice-key"), null);

            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("1");
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(general.statusCode()).as("the general bucket is apart").isEqualTo(200);
            assertThat(general.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
        }
    }

    @Test
    void theStatsCount429sPerUserAndNeverShowTheKey() {
        try (CivisSimulator simulator = limited()) {
            for (int i = 0; i < 5; i++) {
                RawHttp.send("GET", simulator.baseUrl() + "users/me", RawHttp.bearer("alice-key"), null);
            }

            HttpResponse<String> stats = RawHttp.send("GET", simulator.baseUrl() + "_simulator/stats", null, null);
            JsonNode json = RawHttp.json(stats);

            assertThat(json.path("rateLimited").path("alice").asLong()).isEqualTo(2);
            JsonNode general = json.path("rateLimits").path("alice").path("general");
            assertThat(general.path("limit").asInt()).isEqualTo(3);
            assertThat(general.path("allowed").asLong()).isEqualTo(3);
            assertThat(general.path("refused").asLong()).isEqualTo(2);
            assertThat(stats.body()).doesNotContain("alice-key");
            assertThat(simulator.stats().rateLimited()).containsEntry("alice", 2L);
            assertThat(simulator.stats().answers(429)).isEqualTo(2);

            RawHttp.send("DELETE", simulator.baseUrl() + "_simulator/stats", null, null);
            assertThat(simulator.stats().rateLimited()).as("forgotten after DELETE /_simulator/stats").isEmpty();
        }
    }

    @Test
    void withoutALimitNothingIsCountedAndTheHeadersShowTheWholeBudget() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey("k").build().start()) {
            HttpResponse<String> last = null;
            for (int i = 0; i < 5; i++) {
                last = RawHttp.send("GET", simulator.baseUrl() + "users/me", RawHttp.bearer("k"), null);
            }

            assertThat(last.headers().firstValue("X-RateLimit-Limit")).hasValue("1000");
            assertThat(last.headers().firstValue("X-RateLimit-Remaining")).hasValue("1000");
            assertThat(simulator.stats().rateLimited()).isEmpty();
        }
    }

    @Test
    void commandLineOptionsEnforceLimits() {
        CivisSimulator simulator = CommandLine.parse(new String[] { "--api-key", "k=carol", "--rate-limit", "1/300s",
            "--run-rate-limit=1/5m" }, null).build().start();
        try {
            RawHttp.send("GET", simulator.baseUrl() + "users/me", RawHttp.bearer("k"), null);
            HttpResponse<String> refused = RawHttp.send("GET", simulator.baseUrl() + "users/me", RawHttp.bearer("k"),
                    null);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("1");
            assertThat(simulator.stats().rateLimited()).containsEntry("carol", 1L);
        }
        finally {
            simulator.stop();
        }
    }

    @Test
    void aMalformedLimitIsNamedWithTheExpectedForm() {
        assertThatExceptionOfType(CommandLine.InvalidOptionException.class)
            .isThrownBy(() -> CommandLine.parse(new String[] { "--api-key", "k", "--rate-limit", "1000 per 5 min" },
                    null))
            .withMessageContaining("--rate-limit").withMessageContaining("<requests>/<window>, e.g. 1000/300s");
    }
}
