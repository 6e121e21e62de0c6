package io.github.civis.client.internal.transport;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import io.github.civis.client.error.CivisException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.internal.retry.BlockingRetryExecutor;
import io.github.civis.client.internal.retry.ReactiveRetryExecutor;
import io.github.civis.client.internal.retry.RetryObserver;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisRetryEvent;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.transport.OperationDescriptor;

/**
 * The retry stage of a call: repeats its attempts under the {@link CivisRetryPolicy} (blocking
 * attempts on the caller's thread, reactive ones by re-subscribing), tells the log and the
 * listener about every retry, and makes whatever finally escapes a {@link CivisException}, so
 * that callers need to catch one type only.
 */
final class RetryStage {

    private static final Log logger = LogFactory.getLog(RetryStage.class);

    private final CivisRetryPolicy policy;
    private final CivisClientListener listener;
    private final BlockingRetryExecutor blocking;
    private final ReactiveRetryExecutor reactive;

    /**
     * @param settings the retry policy, the waits between attempts, the clock and the listener
     */
    RetryStage(TransportSettings settings) {
        this.policy = settings.retryPolicy();
        this.listener = settings.listener();
        this.blocking = new BlockingRetryExecutor(policy, settings.sleeper(), settings.clock());
        this.reactive = new ReactiveRetryExecutor(policy, settings.sleeper(), settings.clock());
    }

    /**
     * Runs blocking attempts on the calling thread until one succeeds or the policy gives up.
     * @param operation what is called
     * @param attempt one attempt; throws on failure
     * @param <T> the value type
     * @return the first successful attempt's value
     * @throws CivisException the last failure
     */
    <T> T blocking(OperationDescriptor operation, Supplier<T> attempt) {
        try {
            return blocking.execute(operation.displayName(), operation.method(), attempt, observer(operation));
        }
        catch (RuntimeException ex) {
            throw asCivisException(ex, operation);
        }
    }

    /**
     * Re-subscribes to a failed attempt until one succeeds or the policy gives up.
     * @param operation what is called
     * @param attempt one attempt; cold
     * @param <T> the value type
     * @return the first successful attempt's value; the last failure as a {@link CivisException}
     */
    <T> Mono<T> reactive(OperationDescriptor operation, Mono<T> attempt) {
        return reactive.apply(operation.method(), attempt, observer(operation))
                .onErrorMap(failure -> !(failure instanceof CivisException) && !(failure instanceof Error),
                        failure -> asCivisException(failure, operation));
    }

    /**
     * Every failure a call raises is a {@link CivisException}; anything else that escapes (a
     * bug, a failing reader) is wrapped.
     */
    static CivisException asCivisException(Throwable failure, OperationDescriptor operation) {
        if (failure instanceof CivisException civis) {
            return civis;
        }
        return new CivisTransportException(operation.displayName() + " failed unexpectedly: " + failure,
                operation.method(), operation.route(), operation.route(), failure);
    }

    private RetryObserver observer(OperationDescriptor operation) {
        return (failedAttempt, failure, delay) -> {
            // Only reached when a retry happens. WARN, because a call that keeps failing looks like
            // a hang otherwise. Messages of the client's exceptions never contain the key.
            logger.warn("Retrying " + operation.displayName() + " in " + delay.toMillis() + " ms: attempt "
                    + failedAttempt + " of " + policy.attemptBudget(failure) + " failed: " + failure.getMessage());
            // Counted once, by the listener (civis.client.retries): an observation event would
            // become a second counter in Micrometer's default handler.
            ResponseStage.notifyListener(
                    () -> listener.onRetry(new CivisRetryEvent(operation, failedAttempt, failure, delay)));
        };
    }
}
