package io.github.civis.client.internal.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * The deadline stage: emits once when the call timeout has passed since subscription, which
 * makes {@code Mono.timeout(Publisher)} fail the attempt with a {@link TimeoutException};
 * cancelled (and its timer entry dropped) as soon as the attempt ends.
 *
 * <p>The deadline is armed on a shared timer wheel rather than with Reactor's
 * {@code timeout(Duration)}, which schedules (and on success cancels) a task on a scheduled
 * executor's locked queue for every call. Arming and cancelling are lock-free: a
 * {@link HashedWheelTimer} entry is queued and marked, and its one thread ticks every
 * {@value #TICK_MILLIS} ms, so a deadline fires up to that much late.
 */
final class CallDeadline extends Mono<Long> {

    static final long TICK_MILLIS = 100;

    /** Arms deadlines; the shared wheel in production, a hand-driven one in tests. */
    @FunctionalInterface
    interface Timer {

        /**
         * @param task runs once the time has passed, unless cancelled first
         * @param nanos the time from now
         * @return cancels the task
         */
        Timeout schedule(TimerTask task, long nanos);
    }

    /** The wheel of every client in this class loader. */
    static final Timer WHEEL = (task, nanos) -> Wheel.TIMER.newTimeout(task, nanos, TimeUnit.NANOSECONDS);

    private final long nanos;
    private final Timer timer;

    /**
     * @param timeout how long an attempt may take
     * @param timer arms the deadline
     */
    CallDeadline(Duration timeout, Timer timer) {
        this.nanos = timeout.toNanos();
        this.timer = timer;
    }

    /**
     * An attempt bounded by a deadline.
     * @param attempt the attempt; cancelled when the time is up
     * @param timeout how long it may take
     * @param timer arms the deadline
     * @param <T> the value type
     * @return the attempt, failing with a {@link TimeoutException} when the time is up
     */
    static <T> Mono<T> bound(Mono<T> attempt, Duration timeout, Timer timer) {
        return attempt.timeout(new CallDeadline(timeout, timer));
    }

    @Override
    public void subscribe(CoreSubscriber<? super Long> actual) {
        Armed armed = new Armed(actual);
        actual.onSubscribe(armed);
        armed.arm(timer, nanos);
    }

    /** The wheel, started on first use. */
    private static final class Wheel {

        static final HashedWheelTimer TIMER = new HashedWheelTimer(runnable -> {
            Thread thread = new Thread(runnable, "civis-call-timeout");
            thread.setDaemon(true);
            return thread;
        }, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * One armed deadline. It lets go of its subscriber when cancelled: the timer keeps a
     * cancelled entry until its next tick, and the subscriber leads through the finished
     * call's operators to its result (a whole page, when walking a list), which would stay
     * reachable that long for every call.
     */
    static final class Armed implements Subscription, TimerTask {

        private volatile @Nullable CoreSubscriber<? super Long> actual;
        private volatile @Nullable Timeout timeout;
        private volatile boolean cancelled;

        Armed(CoreSubscriber<? super Long> actual) {
            this.actual = actual;
        }

        void arm(Timer timer, long nanos) {
            Timeout armed = timer.schedule(this, nanos);
            timeout = armed;
            if (cancelled) {
                armed.cancel();
            }
        }

        /** Whether the subscriber is still held (for tests of the release on cancel). */
        boolean holdsSubscriber() {
            return actual != null;
        }

        @Override
        public void run(Timeout expired) {
            CoreSubscriber<? super Long> subscriber = actual;
            actual = null;
            if (!cancelled && subscriber != null) {
                subscriber.onNext(0L);
                subscriber.onComplete();
            }
        }

        @Override
        public void request(long n) {
            // one signal, sent when the deadline passes, whatever was requested
        }

        @Override
        public void cancel() {
            cancelled = true;
            actual = null;
            Timeout armed = timeout;
            if (armed != null) {
                armed.cancel();
            }
        }
    }
}
