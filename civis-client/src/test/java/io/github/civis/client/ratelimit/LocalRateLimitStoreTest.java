package io.github.civis.client.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The local buckets: a sliding log that never lets a window of the limit's length hold more
 * than the limit, reserving later times for calls beyond it.
 */
class LocalRateLimitStoreTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private final LocalRateLimitStore store = new LocalRateLimitStore(now::get);

    private final RateLimit limit = RateLimit.parse("3/1s");

    private long reserve() {
        RateLimitStore.Reservation reservation = store.reserveNow("fp:general", limit, Duration.ofSeconds(10));
        assertThat(reservation.reserved()).isTrue();
        return reservation.delay().toMillis();
    }

    @Test
    void beyondTheLimitCallsAreGivenTimesOneWindowAfterTheCallsTheyFollow() {
        assertThat(new long[] { reserve(), reserve(), reserve() }).containsOnly(0);
        assertThat(reserve()).isEqualTo(1000);
        assertThat(reserve()).isEqualTo(1000);
        assertThat(reserve()).isEqualTo(1000);
        assertThat(reserve()).isEqualTo(2000);
        now.addAndGet(2500);
        assertThat(new long[] { reserve(), reserve() }).as("room again: only the 7th, at +2000, is in the window")
            .containsOnly(0);
        assertThat(reserve()).as("a window after the 7th").isEqualTo(500);
    }

    @Test
    void aCallThatWouldWaitLongerThanAllowedIsNotReserved() {
        for (int i = 0; i < 3; i++) {
            store.reserveNow("fp:general", limit, Duration.ZERO);
        }
        RateLimitStore.Reservation refused = store.reserveNow("fp:general", limit, Duration.ofMillis(999));

        assertThat(refused.reserved()).isFalse();
        assertThat(refused.delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(store.reserveNow("fp:general", limit, Duration.ofSeconds(1)).delay())
            .as("the refusal took nothing").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void thePlatformsCountTakesWhatOthersSpent() {
        reserve();
        store.followNow("fp:general", limit, 0);

        assertThat(reserve()).isEqualTo(1000);
    }

    @Test
    void bucketsOfOtherKeysAreApart() {
        reserve();
        reserve();
        reserve();

        assertThat(store.reserveNow("other:general", limit, Duration.ZERO).reserved()).isTrue();
    }

    @Test
    void limitsAreReadAsRequestsPerWindow() {
        assertThat(RateLimit.parse("1000/300s")).isEqualTo(RateLimit.PLATFORM_GENERAL);
        assertThat(RateLimit.parse("60/10s").share(1 / 3.0)).isEqualTo(new RateLimit(20, Duration.ofSeconds(10)));
        assertThat(RateLimit.parse("100/5m")).hasToString("100/300s");
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse("1000 per 5 minutes"))
            .withMessageContaining("<requests>/<window>, e.g. 1000/300s");
    }
}
