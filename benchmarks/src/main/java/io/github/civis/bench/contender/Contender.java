package io.github.civis.bench.contender;

import reactor.core.publisher.Mono;

/**
 * One way of calling the Civis API that the benchmarks compare. Every method reads at least one
 * field of what it decoded and returns it, so that lazy models do the work a caller would make
 * them do and the JIT cannot drop the call.
 */
public interface Contender extends AutoCloseable {

    /** Name in tables and results, e.g. {@code ours-blocking}. */
    String name();

    /**
     * {@code GET /credentials/{id}}, waiting for the result.
     * @param id the credential id
     * @return the id the response carried
     */
    long get(long id);

    /**
     * The same call without blocking, for contenders whose natural API is reactive; the
     * in-flight scenario then runs them with {@code flatMap} instead of threads.
     * @param id the credential id
     * @return the id the response carried, or {@code null} when this contender is blocking only
     */
    default Mono<Long> getAsync(long id) {
        return null;
    }

    /**
     * Whether the in-flight scenarios run this blocking contender's callers on virtual threads
     * (one per caller) rather than on a pool of platform threads.
     */
    default boolean virtualThreads() {
        return false;
    }

    /**
     * Walks every credential of {@code GET /credentials/}, page by page as the contender's API
     * offers it, reading each element's id.
     * @param deadlineNanos {@link System#nanoTime()} after which the walk is abandoned
     * @return the sum of the ids seen: the stub numbers its list 1 to n, so a walk that skipped,
     *         repeated or misread an element gives another sum than {@code n(n+1)/2}
     */
    long listAll(long deadlineNanos);

    @Override
    default void close() {
    }

    /** Thrown when a bounded loop reaches its time or count limit before finishing. */
    final class BoundExceeded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * @param what the loop that ran out
         */
        public BoundExceeded(String what) {
            super(what + " exceeded its bound");
        }
    }

    /**
     * Fails the walk once its deadline has passed.
     * @param deadlineNanos the deadline
     */
    static void checkDeadline(long deadlineNanos) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new BoundExceeded("listAll");
        }
    }
}
