package io.github.civis.spring.autoconfigure.drift;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import io.github.civis.catalog.surface.ApiSurface;
import io.github.civis.client.observation.CivisRequestContext;
import io.github.civis.client.transport.OperationDescriptor;

/**
 * The operations this application has called, by {@link ApiSurface#key(String, String)}: an
 * {@link ObservationHandler} that notes each Civis call's operation when it starts. One set
 * lookup per call; the set holds at most one entry per operation of the API.
 */
public class CivisUsedOperations implements ObservationHandler<CivisRequestContext> {

    private final Set<String> used = ConcurrentHashMap.newKeySet();

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof CivisRequestContext;
    }

    @Override
    public void onStart(CivisRequestContext context) {
        record(context.getOperation());
    }

    /**
     * Notes that an operation was called.
     * @param operation the operation
     */
    public void record(OperationDescriptor operation) {
        // the drift check's own reads are not the application's use of the API
        if (operation != CivisDriftMonitor.ENDPOINTS && operation != CivisDriftMonitor.USERS_ME) {
            this.used.add(ApiSurface.key(operation.method(), operation.route()));
        }
    }

    /**
     * Whether an operation was called.
     * @param verb the HTTP verb, in any case
     * @param route the route, with placeholders of any name
     * @return whether this application has called it since it started
     */
    public boolean isUsed(String verb, String route) {
        return this.used.contains(ApiSurface.key(verb, route));
    }

}
