package io.github.civis.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.civis.client.CivisClient;
import io.github.civis.client.ratelimit.RateBucket;

/**
 * Publishes the API's latest {@code X-RateLimit-Remaining} as the gauge {@value #RATE_LIMIT_REMAINING},
 * and the requests left in each bucket of the client's rate budget as {@value #AVAILABLE} (tag
 * {@code bucket}: {@code general}, {@code run-creating}).
 */
public class CivisRateLimitMetrics implements MeterBinder {

    /** Name of the rate-limit gauge. */
    public static final String RATE_LIMIT_REMAINING = "civis.client.rate-limit.remaining";

    /** Name of the gauge of requests left in each bucket of the rate budget. */
    public static final String AVAILABLE = "civis.ratelimit.available";

    private final CivisClient client;

    /**
     * Creates the metrics.
     * @param client the client whose rate limit is reported
     */
    public CivisRateLimitMetrics(CivisClient client) {
        this.client = client;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(RATE_LIMIT_REMAINING, this.client, CivisRateLimitMetrics::remaining)
            .description("Calls left in the current rate-limit window, as last reported by the Civis API")
            .register(registry);
        for (RateBucket bucket : RateBucket.values()) {
            Gauge.builder(AVAILABLE, this.client, client -> client.rateBudgetAvailable(bucket))
                .description("Requests left in a bucket of the API key's rate budget, as this instance last saw it")
                .tag("bucket", bucket.label())
                .register(registry);
        }
    }

    /**
     * Latest remaining calls reported by the API.
     * @param client the client
     * @return the remaining calls, or {@code NaN} when not known yet
     */
    static double remaining(CivisClient client) {
        Long remaining = client.rateLimit().remaining();
        return (remaining != null) ? remaining : Double.NaN;
    }

}
