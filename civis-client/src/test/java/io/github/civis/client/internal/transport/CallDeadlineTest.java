package io.github.civis.client.internal.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline stage alone, on virtual time: a {@link CallDeadline.Timer} that arms on Reactor's
 * parallel scheduler, which {@code StepVerifier.withVirtualTime} replaces, so that the test
 * moves the clock instead of waiting.
 */
class CallDeadlineTest {

    /** Arms deadlines on Reactor's (here virtual) time. */
    private static final CallDeadline.Timer REACTOR_TIME = (task, nanos) -> {
        ScheduledTimeout timeout = new ScheduledTimeout(task);
        timeout.scheduled = Schedulers.parallel().schedule(() -> {
            try {
                task.run(timeout);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, nanos, TimeUnit.NANOSECONDS);
        return timeout;
    };

    @Test
    void anAttemptThatOutlastsTheDeadlineFailsWithATimeoutAndIsCancelled() {
        PublisherProbe<String> attempt = PublisherProbe.of(Mono.never());

        StepVerifier.withVirtualTime(() -> CallDeadline.bound(attempt.mono(), Duration.ofSeconds(5), REACTOR_TIME))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4_999))
                .thenAwait(Duration.ofMillis(1))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(10));

        attempt.assertWasCancelled();
    }

    @Test
    void anAttemptThatEndsInTimeKeepsItsValueAndDisarmsTheDeadline() {
        Sinks.One<String> answer = Sinks.one();
        CountingTimer timer = new CountingTimer(REACTOR_TIME);

        StepVerifier.withVirtualTime(() -> CallDeadline.bound(answer.asMono(), Duration.ofSeconds(5), timer))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(4))
                .then(() -> answer.tryEmitValue("ok"))
                .expectNext("ok")
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        assertThat(timer.armed).isEqualTo(1);
        assertThat(timer.last.isCancelled()).isTrue();
    }

    @Test
    void everyResubscriptionArmsADeadlineOfItsOwn() {
        CountingTimer timer = new CountingTimer(REACTOR_TIME);
        Mono<String> bounded = CallDeadline.bound(Mono.never(), Duration.ofSeconds(1), timer);

        StepVerifier.withVirtualTime(() -> bounded.onErrorResume(TimeoutException.class,
                        first -> bounded.onErrorResume(TimeoutException.class, second -> Mono.just("two deadlines"))))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(2))
                .expectNext("two deadlines")
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        assertThat(timer.armed).isEqualTo(2);
    }

    @Test
    void aCancelledDeadlineLetsGoOfItsSubscriberAtOnce() {
        CountingTimer timer = new CountingTimer(REACTOR_TIME);
        StepVerifier.withVirtualTime(() -> {
            CallDeadline deadline = new CallDeadline(Duration.ofMinutes(1), timer);
            return deadline.doOnSubscribe(subscription -> {
                CallDeadline.Armed armed = (CallDeadline.Armed) subscription;
                assertThat(armed.holdsSubscriber()).isTrue();
                armed.cancel();
                assertThat(armed.holdsSubscriber()).isFalse();
            });
        })
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(2))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(timer.last.isCancelled()).isTrue();
    }

    /** Counts the deadlines armed. */
    private static final class CountingTimer implements CallDeadline.Timer {

        private final CallDeadline.Timer delegate;
        private int armed;
        private Timeout last;

        CountingTimer(CallDeadline.Timer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Timeout schedule(TimerTask task, long nanos) {
            armed++;
            last = delegate.schedule(task, nanos);
            return last;
        }
    }

    /** A {@link Timeout} over a Reactor task. */
    private static final class ScheduledTimeout implements Timeout {

        private final TimerTask task;
        private volatile Disposable scheduled;
        private volatile boolean cancelled;

        ScheduledTimeout(TimerTask task) {
            this.task = task;
        }

        @Override
        public Timer timer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TimerTask task() {
            return task;
        }

        @Override
        public boolean isExpired() {
            return scheduled != null && scheduled.isDisposed() && !cancelled;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean cancel() {
            cancelled = true;
            Disposable task = scheduled;
            if (task != null) {
                task.dispose();
            }
            return true;
        }
    }
}
