package io.github.civis.client.retry;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.civis.client.error.CivisApiError;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.ratelimit.RateLimitStatus;

import static org.assertj.core.api.Assertions.assertThat;

class CivisRetryPolicyTest {

    private static CivisApiException status(int status, Duration retryAfter) {
        return CivisApiException.of(new CivisApiError(status, "GET", "/r", "/r", null, null, null,
                RateLimitStatus.unknown(), retryAfter, null));
    }

    @Test
    void defaultRulesPerVerb() {
        CivisRetryPolicy policy = CivisRetryPolicy.defaults();
        CivisTransportException dropped = new CivisTransportException("reset", "GET", "/r", "/r", null);
        for (int code : new int[] { 429, 502, 503, 504 }) {
            for (String verb : new String[] { "GET", "PUT", "DELETE" }) {
                assertThat(policy.isRetryable(verb, status(code, null))).as(verb + " " + code).isTrue();
            }
            assertThat(policy.isRetryable("PATCH", status(code, null))).as("PATCH " + code).isFalse();
        }
        assertThat(policy.isRetryable("POST", status(429, null))).isTrue();
        assertThat(policy.isRetryable("POST", status(503, null))).isTrue();
        assertThat(policy.isRetryable("POST", status(502, null))).isFalse();
        assertThat(policy.isRetryable("POST", status(504, null))).isFalse();
        assertThat(policy.isRetryable("GET", status(500, null))).isFalse();
        assertThat(policy.isRetryable("GET", status(404, null))).isFalse();
        assertThat(policy.isRetryable("GET", dropped)).isTrue();
        assertThat(policy.isRetryable("POST", dropped)).isFalse();
        assertThat(policy.isRetryable("POST", new CivisTimeoutException(CivisTimeoutException.Phase.RESPONSE,
                Duration.ofSeconds(1), "POST", "/r", "/r", null))).isFalse();
        assertThat(policy.isRetryable("GET", new IllegalStateException())).isFalse();
        assertThat(policy.maxAttempts()).isEqualTo(10);
        assertThat(policy.maxElapsed()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void fullJitterStaysWithinTheExponentialBoundAndTheCap() {
        CivisRetryPolicy policy = CivisRetryPolicy.builder().jitter(() -> 0.999).build();
        assertThat(policy.backoff(1, null)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(policy.backoff(3, null)).isBetween(Duration.ofMillis(3900), Duration.ofSeconds(4));
        assertThat(policy.backoff(20, null)).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
        CivisRetryPolicy none = CivisRetryPolicy.builder().jitter(() -> 0.0).build();
        assertThat(none.backoff(5, null)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterIsAFloorEvenAboveTheCap() {
        CivisRetryPolicy policy = CivisRetryPolicy.builder().jitter(() -> 0.1).build();
        assertThat(policy.backoff(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.nextDelay("GET", status(429, Duration.ofSeconds(30)), 1, Duration.ZERO))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void limitsEndRetrying() {
        CivisRetryPolicy policy = CivisRetryPolicy.builder().maxAttempts(3).maxElapsed(Duration.ofSeconds(10)).build();
        assertThat(policy.nextDelay("GET", status(503, null), 2, Duration.ZERO)).isNotNull();
        assertThat(policy.nextDelay("GET", status(503, null), 3, Duration.ZERO)).isNull();
        assertThat(policy.nextDelay("GET", status(503, Duration.ofSeconds(3)), 1, Duration.ofSeconds(8))).isNull();
    }

    @Test
    void rulesAreConfigurable() {
        CivisRetryPolicy policy = CivisRetryPolicy.builder()
                .retryableStatuses("patch", Set.of(503))
                .retryableStatuses("GET", Set.of())
                .retryConnectionFailures("GET", false)
                .build();
        assertThat(policy.isRetryable("PATCH", status(503, null))).isTrue();
        assertThat(policy.isRetryable("GET", status(503, null))).isFalse();
        assertThat(policy.isRetryable("GET", new CivisTransportException("x", "GET", "/r", "/r", null))).isFalse();
        assertThat(policy.toBuilder().build().isRetryable("PATCH", status(503, null))).isTrue();
    }
}
