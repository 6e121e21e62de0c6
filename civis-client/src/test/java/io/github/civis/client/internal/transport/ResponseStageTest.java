package io.github.civis.client.internal.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.error.CivisAuthenticationException;
import io.github.civis.client.error.CivisClientErrorException;
import io.github.civis.client.error.CivisNotFoundException;
import io.github.civis.client.error.CivisRateLimitException;
import io.github.civis.client.error.CivisResponseFormatException;
import io.github.civis.client.error.CivisServerException;
import io.github.civis.client.internal.ratelimit.RateBudget;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.ratelimit.LocalRateLimitStore;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.ratelimit.RateLimitStatus;
import io.github.civis.client.transport.ResponseReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The response stage alone: a status, headers and body in, a value or a typed exception out. */
class ResponseStageTest {

    private static final String KEY = "secret-key-123";

    private final AtomicReference<RateLimitStatus> rateLimit = new AtomicReference<>(RateLimitStatus.unknown());
    private final List<RateLimitStatus> heard = new ArrayList<>();
    private final CivisClientListener listener = new CivisClientListener() {
        @Override
        public void onRateLimit(RateLimitStatus status) {
            heard.add(status);
        }
    };
    private final ResponseStage stage = new ResponseStage(JsonMapper.builder().build(), rateLimit,
            new RateBudget(RateLimitSettings.disabled(), new LocalRateLimitStore(), () -> KEY, listener), listener,
            java.time.Clock.fixed(StageFixtures.NOW, java.time.ZoneOffset.UTC), "the CIVIS_API_KEY variable");

    private static final ResponseReader<JsonNode> TREE = (body, metadata) -> body;

    private Object handle(int status, HttpHeaders headers, String body) {
        return stage.handle(StageFixtures.GET_CREDENTIAL, "/credentials/5", status, headers,
                body.getBytes(StandardCharsets.UTF_8), TREE, null, KEY);
    }

    @Test
    void aSuccessIsReadIntoTheValueAndItsRateLimitsAreFollowed() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(RateLimitStatus.LIMIT, "1000");
        headers.add(RateLimitStatus.REMAINING, "998");

        Object value = handle(200, headers, "{\"id\":5}");

        assertThat(value).hasToString("{\"id\":5}");
        assertThat(rateLimit.get()).isEqualTo(new RateLimitStatus(1000L, 998L));
        assertThat(heard).containsExactly(new RateLimitStatus(1000L, 998L));
    }

    @Test
    void eachStatusBecomesItsOwnExceptionWithTheApiWords() {
        assertThatThrownBy(() -> handle(404, new HttpHeaders(),
                "{\"error\":\"not_found\",\"errorDescription\":\"The requested resource could not be found.\",\"code\":404}"))
                .isInstanceOfSatisfying(CivisNotFoundException.class, ex -> {
                    assertThat(ex.status()).isEqualTo(404);
                    assertThat(ex.error()).isEqualTo("not_found");
                    assertThat(ex.code()).isEqualTo(404);
                    assertThat(ex.details().path()).isEqualTo("/credentials/5");
                });
        assertThatThrownBy(() -> handle(422, new HttpHeaders(), "{}")).isInstanceOf(CivisClientErrorException.class);
        assertThatThrownBy(() -> handle(503, new HttpHeaders(), "")).isInstanceOf(CivisServerException.class);
        assertThatThrownBy(() -> handle(401, new HttpHeaders(), "{}"))
                .isInstanceOf(CivisAuthenticationException.class)
                .hasMessageContaining("the CIVIS_API_KEY variable");
    }

    @Test
    void aRateLimitAnswerCarriesItsRetryAfterInSecondsOrAsADate() {
        HttpHeaders seconds = new HttpHeaders();
        seconds.add(HttpHeaders.RETRY_AFTER, "7");
        HttpHeaders date = new HttpHeaders();
        date.add(HttpHeaders.RETRY_AFTER, "Thu, 01 Jan 2026 00:00:30 GMT");
        HttpHeaders absurd = new HttpHeaders();
        absurd.add(HttpHeaders.RETRY_AFTER, "99999999999999999999999");

        assertThatThrownBy(() -> handle(429, seconds, "{}")).isInstanceOfSatisfying(CivisRateLimitException.class,
                ex -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> handle(429, date, "{}")).isInstanceOfSatisfying(CivisApiException.class,
                ex -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(30)));
        assertThatThrownBy(() -> handle(429, absurd, "{}")).isInstanceOfSatisfying(CivisApiException.class,
                ex -> assertThat(ex.retryAfter()).contains(ResponseStage.LONGEST_RETRY_AFTER));
    }

    @Test
    void aBodyThatEchoesTheKeyNeverPutsItIntoTheMessage() {
        assertThatThrownBy(() -> handle(502, new HttpHeaders(),
                "<html>proxy error for Authorization: Bearer " + KEY + "</html>"))
                .isInstanceOf(CivisServerException.class)
                .satisfies(ex -> assertThat(ex.getMessage()).contains("proxy error").doesNotContain(KEY));
        assertThatThrownBy(() -> handle(400, new HttpHeaders(), "{\"errorDescription\":\"bad key " + KEY + "\"}"))
                .satisfies(ex -> assertThat(ex.getMessage()).contains("[redacted]").doesNotContain(KEY));
    }

    @Test
    void aSuccessThatIsNotJsonIsAFormatErrorWithAnExcerpt() {
        assertThatThrownBy(() -> handle(200, new HttpHeaders(), "<html>maintenance</html>"))
                .isInstanceOf(CivisResponseFormatException.class)
                .hasMessageContaining("<html>maintenance</html>");
    }

    @Test
    void aFailingListenerDoesNotFailTheCall() {
        ResponseStage failing = new ResponseStage(JsonMapper.builder().build(), rateLimit,
                new RateBudget(RateLimitSettings.disabled(), new LocalRateLimitStore(), () -> KEY, listener),
                new CivisClientListener() {
                    @Override
                    public void onRateLimit(RateLimitStatus status) {
                        throw new IllegalStateException("broken metrics");
                    }
                }, java.time.Clock.systemUTC(), "the key");
        HttpHeaders headers = new HttpHeaders();
        headers.add(RateLimitStatus.REMAINING, "3");

        Object value = failing.handle(StageFixtures.GET_CREDENTIAL, "/credentials/5", 200, headers,
                "{}".getBytes(StandardCharsets.UTF_8), TREE, null, KEY);

        assertThat(value).hasToString("{}");
    }
}
