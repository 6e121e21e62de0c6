package io.github.civis.client.runs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;


import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A run timer whose waits end only when the test says so: {@link #tick()} ends the oldest
 * pending wait. A wait whose subscriber cancelled is no longer pending, so an empty
 * {@link #pending()} proves that nothing can make another call.
 */
final class ManualTimer implements RunTimer {

    private final List<Sinks.Empty<Void>> pending = new CopyOnWriteArrayList<>();

    @Override
    public Mono<Void> delay(Duration duration) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> wait = Sinks.empty();
            pending.add(wait);
            return wait.asMono().doOnCancel(() -> pending.remove(wait));
        });
    }

    /** Waits not yet ended. */
    List<Sinks.Empty<Void>> pending() {
        return pending;
    }

    /** Ends the oldest pending wait. */
    void tick() {
        Sinks.Empty<Void> wait = pending.remove(0);
        wait.tryEmitEmpty();
    }
}
