package io.github.civis.spring.autoconfigure.drift;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.civis.catalog.surface.ApiDrift;

/**
 * Publishes the latest drift as the gauge {@value #DRIFT}, tagged {@code kind}: {@code removed},
 * {@code added} and {@code changed} operations, and {@code used}, how many of those this
 * application has called. {@code NaN} until the platform's document has been read once.
 */
public class CivisDriftMetrics implements MeterBinder {

    /** Name of the drift gauge. */
    public static final String DRIFT = "civis.api.drift";

    private final CivisDriftMonitor monitor;

    /**
     * Creates the metrics.
     * @param monitor the drift check whose latest result is reported
     */
    public CivisDriftMetrics(CivisDriftMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "removed", "Operations of the bundled Civis API that the platform no longer lists",
                drift -> drift.removed().size());
        gauge(registry, "added", "Operations the Civis platform lists that the bundled API does not have",
                drift -> drift.added().size());
        gauge(registry, "changed", "Operations of the Civis API whose parameters changed incompatibly",
                drift -> drift.changed().size());
        gauge(registry, "used", "Drifted Civis API operations that this application has called",
                this.monitor::usedDrifted);
    }

    private void gauge(MeterRegistry registry, String kind, String description, ToDoubleFunction<ApiDrift> value) {
        Gauge.builder(DRIFT, this.monitor, monitor -> {
            CivisDriftMonitor.Result result = monitor.result();
            return (result != null && result.platformOperations() >= 0) ? value.applyAsDouble(result.drift())
                    : Double.NaN;
        }).tag("kind", kind).description(description).register(registry);
    }

}
