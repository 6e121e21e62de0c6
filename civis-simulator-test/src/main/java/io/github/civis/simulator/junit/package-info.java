/**
 * JUnit 5 support: {@link io.github.civis.simulator.junit.CivisSimulatorExtension} runs a simulator for a test class.
 */
@NullMarked
package io.github.civis.simulator.junit;

import org.jspecify.annotations.NullMarked;
