package io.github.civis.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of Civis calls. Implement it (or extend
 * {@link DefaultCivisClientObservationConvention}) to change tags; pass it to
 * {@code CivisClient.builder().observationConvention(...)}.
 */
public interface CivisClientObservationConvention extends ObservationConvention<CivisRequestContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof CivisRequestContext;
    }
}
