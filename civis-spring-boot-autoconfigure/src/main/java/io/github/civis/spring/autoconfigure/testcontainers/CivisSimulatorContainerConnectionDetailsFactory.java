package io.github.civis.spring.autoconfigure.testcontainers;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

import io.github.civis.simulator.testcontainers.CivisSimulatorContainer;
import io.github.civis.spring.autoconfigure.CivisConnectionDetails;

/**
 * Makes {@code @ServiceConnection} on a {@link CivisSimulatorContainer} point the application's
 * Civis client at the simulator in the container, with the container's API key.
 */
class CivisSimulatorContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<CivisSimulatorContainer, CivisConnectionDetails> {

    CivisSimulatorContainerConnectionDetailsFactory() {
        super(ANY_CONNECTION_NAME, "io.github.civis.simulator.testcontainers.CivisSimulatorContainer");
    }

    @Override
    protected CivisConnectionDetails getContainerConnectionDetails(
            ContainerConnectionSource<CivisSimulatorContainer> source) {
        return new SimulatorConnectionDetails(source);
    }

    /** Base URL and key of the simulator in the container. */
    private static final class SimulatorConnectionDetails extends ContainerConnectionDetails<CivisSimulatorContainer>
            implements CivisConnectionDetails {

        SimulatorConnectionDetails(ContainerConnectionSource<CivisSimulatorContainer> source) {
            super(source);
        }

        @Override
        public String baseUrl() {
            return getContainer().getBaseUrl();
        }

        @Override
        public String apiKey() {
            return getContainer().getApiKey();
        }
    }
}
