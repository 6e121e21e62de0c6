package io.github.civis.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManualClockTest {

    @Test
    void standsStillUntilAdvancedThenMovesByExactlyTheDuration() {
        ManualClock clock = new ManualClock();
        Instant before = clock.instant();

        Instant still = clock.instant();
        clock.advance(Duration.ofMinutes(31));

        assertThat(before).isEqualTo(ManualClock.DEFAULT_START);
        assertThat(still).isEqualTo(before);
        assertThat(clock.instant()).isEqualTo(before.plus(Duration.ofMinutes(31)));
        assertThat(clock.millis()).isEqualTo(before.plusSeconds(31 * 60).toEpochMilli());
    }

    @Test
    void startsWhereToldAndKeepsItsTimeInAnotherZone() {
        ManualClock clock = new ManualClock(Instant.parse("2031-05-05T10:00:00Z"));

        assertThat(clock.withZone(ZoneId.of("America/Chicago")).instant()).isEqualTo(Instant.parse("2031-05-05T10:00:00Z"));
        assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
    }
}
