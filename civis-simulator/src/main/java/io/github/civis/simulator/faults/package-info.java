/**
 * Fault injection: error statuses, latency, dropped connections and malformed JSON, by rate,
 * by route or for the next calls.
 */
@NullMarked
package io.github.civis.simulator.faults;

import org.jspecify.annotations.NullMarked;
