/**
 * A stateful simulator of the Civis Platform API: {@link io.github.civis.simulator.CivisSimulator}
 * to embed, {@link io.github.civis.simulator.Main} to run from the command line.
 */
@NullMarked
package io.github.civis.simulator;

import org.jspecify.annotations.NullMarked;
