/**
 * Testcontainers support: {@link io.github.civis.simulator.testcontainers.CivisSimulatorContainer}
 * runs the simulator jar in a container. Needs {@code org.testcontainers:testcontainers}, an
 * optional dependency of this module.
 */
package io.github.civis.simulator.testcontainers;
