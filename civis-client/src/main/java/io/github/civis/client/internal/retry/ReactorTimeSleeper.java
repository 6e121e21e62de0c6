package io.github.civis.client.internal.retry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@link Sleeper#system()}: the blocking wait awaits the reactive {@link #delay} on the calling
 * thread. An interrupt cancels the delay (its timer entry goes) and is thrown as such, with the
 * thread's flag cleared as {@link InterruptedException} promises.
 */
final class ReactorTimeSleeper implements Sleeper {

    static final ReactorTimeSleeper INSTANCE = new ReactorTimeSleeper();

    private ReactorTimeSleeper() {
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isZero() || duration.isNegative()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before a wait of " + duration);
            }
            return;
        }
        CompletableFuture<Void> waited = delay(duration).toFuture();
        try {
            waited.get();
        }
        catch (InterruptedException ex) {
            waited.cancel(true);
            throw ex;
        }
        catch (ExecutionException ex) {
            // Mono.delay fails only when its scheduler refuses the task (shut down)
            throw new IllegalStateException("The wait of " + duration + " could not be scheduled", ex.getCause());
        }
    }

    @Override
    public String toString() {
        return "Sleeper.system()";
    }
}
