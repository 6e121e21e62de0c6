package io.github.civis.client.internal.transport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.error.CivisApiError;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisCallException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisRetryEvent;
import io.github.civis.client.ratelimit.RateLimitStatus;
import io.github.civis.client.retry.CivisRetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry stage alone, over scripted attempts: the same decisions blocking and reactive. */
class RetryStageTest {

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<CivisRetryEvent> retries = new CopyOnWriteArrayList<>();
    private final RetryStage stage = new RetryStage(StageFixtures.settings(() -> "key",
            CivisRetryPolicy.builder().jitter(() -> 1.0).build(), sleeper, new CivisClientListener() {
                @Override
                public void onRetry(CivisRetryEvent event) {
                    retries.add(event);
                }
            }));

    private static CivisApiException answer(int status, Duration retryAfter) {
        return CivisApiException.of(new CivisApiError(status, "GET", "/credentials/{id}", "/credentials/1", null,
                null, null, RateLimitStatus.unknown(), retryAfter, null));
    }

    @Test
    void aBlockingCallIsRepeatedAfterTheWaitsAndEveryRetryIsReported() {
        AtomicInteger made = new AtomicInteger();

        String value = stage.blocking(StageFixtures.GET_CREDENTIAL, () -> {
            if (made.incrementAndGet() < 3) {
                throw answer(503, null);
            }
            return "third time";
        });

        assertThat(value).isEqualTo("third time");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(retries).extracting(CivisRetryEvent::failedAttempt).containsExactly(1, 2);
    }

    @Test
    void aBlockingWaitIsNeverShorterThanRetryAfter() {
        AtomicInteger made = new AtomicInteger();

        stage.blocking(StageFixtures.GET_CREDENTIAL, () -> {
            if (made.incrementAndGet() == 1) {
                throw answer(429, Duration.ofSeconds(9));
            }
            return "after the wait";
        });

        assertThat(sleeper.sleeps()).singleElement()
                .satisfies(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(9)));
    }

    @Test
    void aReactiveCallMakesTheSameDecisions() {
        AtomicInteger made = new AtomicInteger();
        Mono<String> attempt = Mono.defer(() -> (made.incrementAndGet() < 3) ? Mono.error(answer(503, null))
                : Mono.just("third time"));

        StepVerifier.create(stage.reactive(StageFixtures.GET_CREDENTIAL, attempt))
                .expectNext("third time")
                .verifyComplete();

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(retries).hasSize(2);
    }

    @Test
    void theLastFailureCarriesTheAttemptsMade() {
        assertThatThrownBy(() -> stage.blocking(StageFixtures.GET_CREDENTIAL, () -> {
            throw answer(503, null);
        }))
                .isInstanceOfSatisfying(CivisCallException.class,
                        ex -> assertThat(ex.attempts()).isEqualTo(CivisRetryPolicy.defaults().maxAttempts()));
    }

    @Test
    void whateverElseEscapesBecomesATransportExceptionNamingTheCall() {
        assertThatThrownBy(() -> stage.blocking(StageFixtures.GET_CREDENTIAL, () -> {
            throw new IllegalStateException("reader bug");
        }))
                .isInstanceOf(CivisTransportException.class)
                .hasMessageContaining("credentials.get (GET /credentials/{id}) failed unexpectedly")
                .hasRootCauseMessage("reader bug");
        StepVerifier.create(stage.reactive(StageFixtures.GET_CREDENTIAL, Mono.error(new IllegalStateException("bug"))))
                .expectError(CivisTransportException.class)
                .verify(Duration.ofSeconds(10));
    }
}
