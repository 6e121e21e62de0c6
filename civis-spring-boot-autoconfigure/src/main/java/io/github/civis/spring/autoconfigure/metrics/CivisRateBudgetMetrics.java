package io.github.civis.spring.autoconfigure.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.civis.client.CivisClient;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.ratelimit.RateBucket;

/**
 * Times how long Civis calls wait for room in their key's rate budget, in {@value #WAIT} (tag
 * {@code bucket}: {@code general}, {@code run-creating}); a call that found room at once counts
 * with a zero wait.
 */
public class CivisRateBudgetMetrics {

    /** Name of the wait timer. */
    public static final String WAIT = "civis.ratelimit.wait";

    private final MeterRegistry registry;

    /**
     * Creates the metrics.
     * @param registry where the timer is registered
     */
    public CivisRateBudgetMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records one call's wait.
     * @param bucket the bucket it drew from
     * @param waited how long it waited
     */
    public void waited(RateBucket bucket, Duration waited) {
        Timer.builder(WAIT)
            .description("Time Civis calls waited for room in the API key's rate budget")
            .tag("bucket", bucket.label())
            .register(this.registry)
            .record(waited);
    }

    /**
     * Makes the client report its waits here.
     * @param builder the builder of the auto-configured client
     */
    void attachTo(CivisClient.Builder builder) {
        builder.listener(new CivisClientListener() {
            @Override
            public void onRateLimitWait(RateBucket bucket, Duration waited) {
                waited(bucket, waited);
            }
        });
    }

}
