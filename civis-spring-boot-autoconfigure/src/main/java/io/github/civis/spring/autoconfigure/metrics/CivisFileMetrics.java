package io.github.civis.spring.autoconfigure.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.civis.client.files.FileTransferEvent;
import io.github.civis.client.files.FileTransferListener;

/**
 * Records Civis file transfers: bytes moved in {@value #TRANSFERRED} (tag {@code direction}) and
 * each transfer's duration in {@value #TRANSFERS} (tags {@code direction} and {@code outcome}).
 * Tags are low-cardinality only: never file ids or names.
 */
public class CivisFileMetrics implements FileTransferListener {

    /** Name of the byte counter. */
    public static final String TRANSFERRED = "civis.files.transferred";

    /** Name of the transfer timer. */
    public static final String TRANSFERS = "civis.files.transfers";

    private final MeterRegistry registry;

    /**
     * Creates the metrics.
     * @param registry where the meters are registered
     */
    public CivisFileMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onTransfer(FileTransferEvent event) {
        String direction = event.direction().name().toLowerCase(Locale.ROOT);
        Counter.builder(TRANSFERRED)
            .description("Bytes moved to and from Civis file storage")
            .baseUnit("bytes")
            .tag("direction", direction)
            .register(this.registry)
            .increment(Math.max(0, event.bytes()));
        Timer.builder(TRANSFERS)
            .description("Uploads and downloads of Civis files")
            .tag("direction", direction)
            .tag("outcome", event.outcome().name().toLowerCase(Locale.ROOT))
            .register(this.registry)
            .record(event.duration());
    }

}
