package io.github.civis.client.runs;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Times the waits between polls. The default uses the client's one timer thread; tests pass
 * one that moves a fake clock and completes at once, so that a long run is followed on its real
 * schedule in little real time.
 */
@FunctionalInterface
public interface RunTimer {

    /**
     * Completes after the given time without blocking a thread.
     * @param duration how long to wait
     * @return a {@code Mono} completing after the wait; cancelling it abandons the wait
     */
    Mono<Void> delay(Duration duration);
}
