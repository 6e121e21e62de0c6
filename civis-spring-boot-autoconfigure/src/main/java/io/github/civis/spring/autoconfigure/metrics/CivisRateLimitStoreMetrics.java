package io.github.civis.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.civis.client.ratelimit.RateLimitStore;

/**
 * Counts in {@value #FALLBACKS} the times the shared store of the rate budget (Redis) could not
 * be reached and the instance fell back to its local share of the limits.
 */
public class CivisRateLimitStoreMetrics implements MeterBinder {

    /** Name of the fallback counter. */
    public static final String FALLBACKS = "civis.ratelimit.store.fallbacks";

    private final RateLimitStore store;

    /**
     * Creates the metrics.
     * @param store the store whose fallbacks are counted
     */
    public CivisRateLimitStoreMetrics(RateLimitStore store) {
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(FALLBACKS, this.store, RateLimitStore::fallbacks)
            .description("Times the shared rate-limit store could not be reached and the local share was used")
            .register(registry);
    }

}
