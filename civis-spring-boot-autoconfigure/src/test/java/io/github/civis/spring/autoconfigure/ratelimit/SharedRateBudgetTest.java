package io.github.civis.spring.autoconfigure.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import io.github.civis.client.CivisClient;
import io.github.civis.client.ratelimit.RateLimitStore;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.http.RateLimits;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three application contexts (three instances of a service) sharing one API key, against a
 * simulator that enforces 30 requests per 5 s, under load for 16 s: with their buckets in a
 * real Redis they stay inside the one budget and spend most of it; with local buckets each
 * spends the whole budget on its own and 429s follow. The 60 per 10 s for 30 s is
 * scaled down to 30 per 5 s for 16 s: the same three full windows' worth of load.
 */
class SharedRateBudgetTest {

    private static final String KEY = "fleet-key";

    private static final String USER = "fleet";

    private static final int LIMIT = 30;

    private static final Duration WINDOW = Duration.ofSeconds(5);

    private static final Duration LOAD = Duration.ofSeconds(16);

    /** Calls each instance keeps in flight. */
    private static final int IN_FLIGHT = 4;

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static CivisSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = CivisSimulator.builder().apiKey(KEY, USER).rateLimit(LIMIT, WINDOW).build().start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    @BeforeEach
    void resetCounts() {
        simulator.stats().reset();
    }

    private ApplicationContextRunner runner(String store, int instances) {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    DataRedisReactiveAutoConfiguration.class, CivisRateLimitAutoConfiguration.class,
                    CivisAutoConfiguration.class))
            .withPropertyValues("civis.base-url=" + simulator.baseUrl(), "civis.api-key=" + KEY,
                    "civis.rate-limit.store=" + store, "civis.rate-limit.general=" + LIMIT + "/5s",
                    "civis.rate-limit.instances=" + instances, "civis.rate-limit.max-wait=30s",
                    "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port());
    }

    /** Runs the body with three contexts of the runner open at once. */
    private static void withThree(ApplicationContextRunner runner, Consumer<List<ApplicationContext>> body) {
        runner.run(first -> runner.run(second -> runner.run(third -> {
            for (AssertableApplicationContext context : List.of(first, second, third)) {
                assertThat(context).hasNotFailed();
            }
            body.accept(List.of(first, second, third));
        })));
    }

    @Test
    void threeInstancesSharingRedisStayInsideOneBudgetAndSpendMostOfIt() {
        withThree(runner("redis", 3), contexts -> {
            load(contexts, LOAD, null);

            long refused = simulator.stats().rateLimited().getOrDefault(USER, 0L);
            double spent = spent();
            System.out.printf("Redis store: %d answers of 429, %.0f %% of the budget spent%n", refused, spent * 100);
            assertThat(refused).as("429s sent by the simulator").isZero();
            assertThat(spent).as("share of the budget spent").isGreaterThanOrEqualTo(0.85);
        });
    }

    @Test
    void withLocalBucketsTheSameLoadDraws429s() {
        withThree(runner("local", 3), contexts -> {
            load(contexts, LOAD, null);

            long refused = simulator.stats().rateLimited().getOrDefault(USER, 0L);
            System.out.printf("Local store: %d answers of 429%n", refused);
            assertThat(refused).as("429s sent by the simulator").isPositive();
        });
    }

    @Test
    void whenRedisIsGoneCallsGoOnWithinTheLocalShareAndShareAgainWhenItIsBack() {
        withThree(runner("redis", 3), contexts -> {
            List<AtomicLong> duringOutage = new ArrayList<>();
            contexts.forEach(context -> duringOutage.add(new AtomicLong()));
            long started = System.nanoTime();
            long outageFrom = started + Duration.ofSeconds(5).toNanos();
            long outageTo = started + Duration.ofSeconds(11).toNanos();
            Thread chaos = new Thread(() -> {
                pauseUntil(outageFrom);
                redis.stop();
                pauseUntil(outageTo);
                redis.start();
            });
            chaos.start();
            load(contexts, LOAD, (instance, at) -> {
                // counted from a second after the stop, once every instance has noticed it
                if (at > outageFrom + 1_000_000_000L && at < outageTo) {
                    duringOutage.get(instance).incrementAndGet();
                }
            });
            join(chaos);

            for (int i = 0; i < contexts.size(); i++) {
                RedisRateLimitStore store = (RedisRateLimitStore) contexts.get(i).getBean(RateLimitStore.class);
                assertThat(store.fallbacks()).as("fallbacks of instance " + i).isEqualTo(1);
                assertThat(store.isFallingBack()).as("instance " + i + " is back on Redis").isFalse();
                // 5 s outage less the first second: at most two windows of a share of 10 each
                assertThat(duringOutage.get(i).get()).as("calls of instance " + i + " during the outage")
                    .isPositive().isLessThanOrEqualTo(2L * LIMIT / 3);
            }
        });
    }

    /** Told of every call that succeeded: which instance, and when (System.nanoTime). */
    private interface CallRecorder {

        void succeeded(int instance, long at);
    }

    /**
     * Keeps {@value #IN_FLIGHT} calls in flight per instance for the given time, starting half a
     * second into one of the simulator's windows so that the windows in between are full ones.
     */
    private static void load(List<ApplicationContext> contexts, Duration duration, CallRecorder recorder) {
        long windowMillis = WINDOW.toMillis();
        long offset = Math.floorMod(System.currentTimeMillis(), windowMillis);
        pauseUntil(System.nanoTime() + Duration.ofMillis(Math.floorMod(500 - offset, windowMillis)).toNanos());
        long deadline = System.nanoTime() + duration.toNanos();
        List<Mono<Void>> instances = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            CivisClient client = contexts.get(i).getBean(CivisClient.class);
            int instance = i;
            Mono<Void> calls = Flux.range(0, IN_FLIGHT)
                .flatMap(worker -> Mono.defer(() -> client.reactiveUsers().getMe())
                    .doOnNext(me -> {
                        if (recorder != null) {
                            recorder.succeeded(instance, System.nanoTime());
                        }
                    })
                    .onErrorResume(ex -> Mono.empty())
                    .repeat(() -> System.nanoTime() < deadline))
                .then();
            instances.add(calls);
        }
        Mono.when(instances).block(duration.plus(Duration.ofSeconds(60)));
    }

    /** The share of the budget spent in the windows between the first and the last one. */
    private static double spent() {
        Map<String, RateLimits.BucketStats> buckets = simulator.stats().rateLimits().get(USER);
        Double spent = buckets.get("general").budgetSpent();
        assertThat(spent).as("full windows under load").isNotNull();
        return spent;
    }

    private static void pauseUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(30_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
