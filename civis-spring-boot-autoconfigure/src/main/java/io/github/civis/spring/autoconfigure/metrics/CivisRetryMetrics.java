package io.github.civis.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.github.civis.client.CivisClient;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisRetryEvent;

/**
 * Counts retries of Civis calls in {@value #RETRIES}, tagged like the call's observation with
 * low-cardinality keys only ({@code group}, {@code operation}, {@code method}): never ids.
 */
public class CivisRetryMetrics {

    /** Name of the retry counter. */
    public static final String RETRIES = "civis.client.retries";

    private final MeterRegistry registry;

    /**
     * Creates the metrics.
     * @param registry where the counter is registered
     */
    public CivisRetryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records that a call is about to be retried.
     * @param group the API group, e.g. {@code users}
     * @param operation the operation, e.g. {@code get_me}
     * @param method the HTTP method
     */
    public void retried(String group, String operation, String method) {
        Counter.builder(RETRIES)
            .description("Retries of Civis API calls")
            .tag("group", group)
            .tag("operation", operation)
            .tag("method", method)
            .register(this.registry)
            .increment();
    }

    /**
     * Makes the client report its retries here.
     * @param builder the builder of the auto-configured client
     */
    void attachTo(CivisClient.Builder builder) {
        builder.listener(new CivisClientListener() {
            @Override
            public void onRetry(CivisRetryEvent event) {
                retried(event.operation().group(), event.operation().name(), event.operation().method());
            }
        });
    }

}
