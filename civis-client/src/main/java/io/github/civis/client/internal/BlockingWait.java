package io.github.civis.client.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

import io.github.civis.client.error.CivisInterruptedException;

/**
 * Where a blocking view of the client waits on the calling thread for reactive work: the one
 * place that decides what an interruption becomes. Reactor's own {@code block()} reports it as
 * its internal {@code ReactiveException}; here it cancels the work, sets the thread's interrupt
 * flag again and throws a {@link CivisInterruptedException} saying what was under way. Any other
 * failure is rethrown as the work failed.
 */
public final class BlockingWait {

    private BlockingWait() {
    }

    /**
     * Subscribes and waits for the value.
     * @param work the work; cancelled when the thread is interrupted
     * @param interrupted makes the exception for an interruption, saying what was under way
     * @param <T> the value type
     * @return the value, {@code null} when the work completed empty
     * @throws CivisInterruptedException when the thread was interrupted (flag set again)
     */
    public static <T> @Nullable T block(Mono<T> work,
            Function<InterruptedException, ? extends CivisInterruptedException> interrupted) {
        try {
            return await(work.toFuture(), null, interrupted);
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("Timed out without a timeout", ex);
        }
        catch (RuntimeException ex) {
            if (!(ex instanceof CivisInterruptedException)) {
                // as Reactor's block() does: the log then shows where the caller waited
                ex.addSuppressed(new Exception("Waited here"));
            }
            throw ex;
        }
    }

    /**
     * Waits for a result already under way.
     * @param result the result; cancelled when the thread is interrupted or the time is up
     * @param timeout how long to wait, or {@code null} to wait until the result is there
     * @param interrupted makes the exception for an interruption, saying what was under way
     * @param <T> the value type
     * @return the value
     * @throws TimeoutException when the time is up
     * @throws CivisInterruptedException when the thread was interrupted (flag set again)
     */
    public static <T> T await(CompletableFuture<T> result, @Nullable Duration timeout,
            Function<InterruptedException, ? extends CivisInterruptedException> interrupted)
            throws TimeoutException {
        try {
            return (timeout != null) ? result.get(timeout.toNanos(), TimeUnit.NANOSECONDS) : result.get();
        }
        catch (TimeoutException ex) {
            result.cancel(true);
            throw ex;
        }
        catch (ExecutionException ex) {
            Throwable failure = ex.getCause();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        catch (InterruptedException ex) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted.apply(ex);
        }
    }

    /**
     * What a failure of blocking Reactor machinery (an iterator of {@code Flux.toIterable()},
     * say) is to the caller: an interruption, which Reactor wraps in its internal
     * {@code ReactiveException}, becomes a {@link CivisInterruptedException}; anything else stays
     * as it is.
     * @param failure what the machinery threw
     * @param interrupted makes the exception for an interruption, saying what was under way
     * @return the exception to throw
     */
    public static RuntimeException failure(RuntimeException failure,
            Function<InterruptedException, ? extends CivisInterruptedException> interrupted) {
        if (Exceptions.unwrap(failure) instanceof InterruptedException interruption) {
            // Reactor sets the flag again before it wraps; set here too, whoever threw
            Thread.currentThread().interrupt();
            return interrupted.apply(interruption);
        }
        return failure;
    }
}
