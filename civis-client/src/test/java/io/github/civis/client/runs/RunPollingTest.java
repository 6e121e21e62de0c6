package io.github.civis.client.runs;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunPollingTest {

    @Test
    void waitsGrowGeometricallyFromOneSecondAndStopAtFifteen() {
        RunPolling polling = RunPolling.defaults();

        assertThat(polling.delay(0, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(polling.delay(1, 0)).isEqualTo(Duration.ofMillis(1200));
        assertThat(polling.delay(2, 0)).isEqualTo(Duration.ofMillis(1440));
        assertThat(polling.delay(50, 0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(polling.delay(10_000, 0)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void jitterOnlyShortensAWaitByAtMostItsShare() {
        RunPolling polling = RunPolling.defaults();

        assertThat(polling.delay(0, 0.999_999)).isBetween(Duration.ofMillis(900), Duration.ofMillis(901));
        assertThat(polling.delay(60, 0.5)).isEqualTo(Duration.ofMillis(14_250));
    }

    @Test
    void aRunOfTwentySecondsNeedsAtMostTwelvePollsEvenWithTheLargestJitter() {
        RunPolling polling = RunPolling.defaults();
        Duration elapsed = Duration.ZERO;
        int polls = 0;
        while (elapsed.compareTo(Duration.ofSeconds(20)) < 0) {
            elapsed = elapsed.plus(polling.delay(polls, 0.999_999));
            polls++;
        }

        assertThat(polls).isLessThanOrEqualTo(12);
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        assertThatThrownBy(() -> new RunPolling(Duration.ZERO, 1.2, Duration.ofSeconds(15), 0.1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial");
        assertThatThrownBy(() -> RunPolling.defaults().withMultiplier(0.5))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> RunPolling.defaults().withMax(Duration.ofMillis(10)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
        assertThatThrownBy(() -> RunPolling.defaults().withJitter(1.0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RunPolling.defaults().withMaxConsecutiveFailedPolls(0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxConsecutiveFailedPolls must be at least 1, was 0");
        assertThat(RunPolling.defaults().maxConsecutiveFailedPolls()).isEqualTo(10);
        assertThat(new RunPolling(Duration.ofSeconds(1), 1.2, Duration.ofSeconds(15), 0.1).withMaxConsecutiveFailedPolls(3)
            .withInitial(Duration.ofSeconds(2)).maxConsecutiveFailedPolls()).isEqualTo(3);
    }

    @Test
    void statesReadFromThePlatformsText() {
        assertThat(RunState.of("succeeded")).isEqualTo(RunState.SUCCEEDED);
        assertThat(RunState.of("Cancelled").isFinal()).isTrue();
        assertThat(RunState.of("running").isFinal()).isFalse();
        assertThat(RunState.of("something new")).isEqualTo(RunState.UNKNOWN);
        assertThat(RunState.of(null).isFinal()).isFalse();
    }
}
