package io.github.civis.client.runs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.civis.testsupport.ManualClock;
import reactor.core.publisher.Mono;

/**
 * Time for run tests: a clock the simulator's runs advance on, and a run timer that, instead of
 * waiting, moves that clock forward by the wait and returns at once. A 20 s run is then polled
 * exactly as on the real schedule, in milliseconds of real time.
 */
final class TestTime extends ManualClock implements RunTimer {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** The waits asked for so far. */
    List<Duration> waits() {
        return waits;
    }

    /** Records the wait and moves the clock by it. */
    void sleep(Duration duration) {
        waits.add(duration);
        advance(duration);
    }

    @Override
    public Mono<Void> delay(Duration duration) {
        return Mono.fromRunnable(() -> sleep(duration));
    }
}
