package io.github.civis.client.internal.retry;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Waits between attempts. The default waits for real; tests inject one that records the waits
 * and returns at once, so that retry behaviour is checked without slow tests.
 */
public interface Sleeper {

    /**
     * Blocks the calling thread for the given time (blocking calls).
     * @param duration how long to wait
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Completes after the given time without blocking (reactive calls). The default uses
     * {@link Mono#delay(Duration)}, which runs on Reactor's parallel scheduler and therefore also
     * follows {@code StepVerifier.withVirtualTime}.
     * @param duration how long to wait
     * @return a {@code Mono} completing after the wait
     */
    default Mono<Void> delay(Duration duration) {
        return Mono.delay(duration).then();
    }

    /**
     * A sleeper that really waits, on Reactor's clock: a blocking wait is the reactive
     * {@link #delay} awaited on the calling thread, so both kinds of call wait the same way (and
     * follow Reactor's virtual time in tests), and an interrupt ends the wait at once.
     */
    static Sleeper system() {
        return ReactorTimeSleeper.INSTANCE;
    }
}
