package io.github.civis.client.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisRateBudgetException;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.faults.FaultRule;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client's rate budget against a simulator that enforces the platform's limits: calls wait
 * for room instead of drawing 429s, give up past the longest wait with a typed exception naming
 * the bucket, and follow the platform's own count.
 */
class RateBudgetTest {

    private static final String KEY = "budget-test-key";

    private static CivisClient client(CivisSimulator simulator, RateLimitSettings settings) {
        return CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey(KEY).rateLimit(settings).build();
    }

    @Test
    void callsBeyondTheLimitWaitForRoomInsteadOfDrawing429s() {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey(KEY).rateLimit(4, Duration.ofSeconds(1))
            .build().start();
                CivisClient client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey(KEY)
                    .rateLimit(RateLimitSettings.defaults().withGeneral(RateLimit.parse("4/1s")))
                    .listener(new CivisClientListener() {
                        @Override
                        public void onRateLimitWait(RateBucket bucket, Duration waited) {
                            waits.add(waited);
                        }
                    })
                    .build()) {
            List<String> names = Flux.range(0, 10)
                .flatMap(i -> client.reactiveUsers().getMe().map(me -> me.username()))
                .collectList()
                .block(Duration.ofSeconds(30));

            assertThat(names).hasSize(10);
            assertThat(simulator.stats().answers(429)).as("429s drawn").isZero();
            assertThat(waits).hasSize(10);
            assertThat(waits).filteredOn(wait -> wait.toMillis() >= 500).as("calls that waited for room").hasSize(6);
        }
    }

    @Test
    void pastTheLongestWaitACallFailsNamingTheBucketAndIsNotSent() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey(KEY).build().start();
                CivisClient client = client(simulator, RateLimitSettings.defaults()
                    .withGeneral(RateLimit.parse("2/60s")).withMaxWait(Duration.ofMillis(100)))) {
            client.users().getMe();
            client.users().getMe();

            assertThatExceptionOfType(CivisRateBudgetException.class).isThrownBy(() -> client.users().getMe())
                .satisfies(ex -> assertThat(ex.bucket()).isEqualTo(RateBucket.GENERAL))
                .withMessageContaining("general rate budget")
                .withMessageContaining("GET /users/me")
                .withMessageNotContaining(KEY);
            assertThat(simulator.stats().requests()).isEqualTo(2);
        }
    }

    @Test
    void runCreatingCallsDrawFromTheirOwnBucket() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey(KEY).build().start();
                CivisClient client = client(simulator, RateLimitSettings.defaults()
                    .withRunCreating(RateLimit.parse("1/60s")).withMaxWait(Duration.ZERO))) {
            long jobId = client.scripts().postPython3(b -> b.name("s").source("print(1)")).id();
            client.jobs().postRuns(jobId);

            assertThatExceptionOfType(CivisRateBudgetException.class).isThrownBy(() -> client.jobs().postRuns(jobId))
                .satisfies(ex -> assertThat(ex.bucket()).isEqualTo(RateBucket.RUN_CREATING))
                .withMessageContaining("run-creating");
            assertThat(client.users().getMe().username()).as("the general bucket is apart").isNotNull();
        }
    }

    @Test
    void theBudgetFollowsWhatThePlatformSaysIsLeft() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey(KEY).rateLimit(10, Duration.ofSeconds(60))
            .clock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1_800_000_000L), java.time.ZoneOffset.UTC))
            .build().start();
                CivisClient other = client(simulator, RateLimitSettings.disabled());
                CivisClient client = client(simulator, RateLimitSettings.defaults()
                    .withGeneral(RateLimit.parse("10/60s")).withMaxWait(Duration.ofMillis(100)))) {
            for (int i = 0; i < 8; i++) {
                other.users().getMe();
            }
            client.users().getMe();
            client.users().getMe();

            assertThatExceptionOfType(CivisRateBudgetException.class).isThrownBy(() -> client.users().getMe());
            assertThat(simulator.stats().answers(429)).as("429s drawn").isZero();
            assertThat(client.rateBudgetAvailable(RateBucket.GENERAL)).isZero();
        }
    }

    @Test
    void aRetryDrawsFromTheBudgetToo() {
        try (CivisSimulator simulator = CivisSimulator.builder().apiKey(KEY).fault(FaultRule.status(503).times(1))
            .build().start();
                CivisClient client = client(simulator, RateLimitSettings.defaults()
                    .withGeneral(RateLimit.parse("1/60s")).withMaxWait(Duration.ZERO))) {
            assertThatExceptionOfType(CivisRateBudgetException.class).isThrownBy(() -> client.users().getMe());
            assertThat(simulator.stats().answers(503)).isEqualTo(1);
            assertThat(simulator.stats().requests()).isEqualTo(1);
        }
    }
}
