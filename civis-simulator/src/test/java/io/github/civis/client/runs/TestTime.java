package io.github.civis.client.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.civis.client.retry.Sleeper;
import reactor.core.publisher.Mono;

/**
 * Time for run tests: a clock the simulator's runs advance on, and a sleeper that, instead of
 * waiting, moves that clock forward by the wait and returns at once. A 20 s run is then polled
 * exactly as on the real schedule, in milliseconds of real time.
 */
final class TestTime extends Clock implements Sleeper {

    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** Moves the clock forward. */
    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** The waits asked for so far. */
    List<Duration> waits() {
        return waits;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        advance(duration);
    }

    @Override
    public Mono<Void> delay(Duration duration) {
        return Mono.fromRunnable(() -> sleep(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
