package io.github.civis.client.internal.retry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The waits of blocking retries ({@link Sleeper#system()}) run on Reactor's clock, as the
 * reactive ones do: virtual time moves them, and an interrupt ends them. The bounds below only
 * stop a broken wait from hanging the build; nothing is timed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemSleeperTest {

    @AfterEach
    void realTime() {
        VirtualTimeScheduler.reset();
    }

    @Test
    void aBlockingWaitEndsWhenReactorTimeHasPassed() throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
        CompletableFuture<Void> waited = new CompletableFuture<>();
        Thread sleeping = new Thread(() -> {
            try {
                Sleeper.system().sleep(Duration.ofHours(1));
                waited.complete(null);
            }
            catch (InterruptedException | RuntimeException ex) {
                waited.completeExceptionally(ex);
            }
        }, "sleeping");
        sleeping.start();
        // the wait is armed on the virtual scheduler before the sleeping thread parks
        for (int i = 0; i < 600 && sleeping.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(50);
        }

        time.advanceTimeBy(Duration.ofMinutes(59));
        assertThat(waited).isNotDone();
        time.advanceTimeBy(Duration.ofMinutes(1));

        waited.get(30, TimeUnit.SECONDS);
    }

    @Test
    void anInterruptEndsAWaitAndIsThrownAsSuch() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofDays(1)))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void aZeroWaitReturnsAtOnceButStillSeesAnInterrupt() throws InterruptedException {
        Sleeper.system().sleep(Duration.ZERO);

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ZERO)).isInstanceOf(InterruptedException.class);
    }
}
