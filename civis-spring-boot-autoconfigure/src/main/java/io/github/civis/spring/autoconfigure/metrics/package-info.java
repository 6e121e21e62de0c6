/**
 * Micrometer meters for the Civis client beyond the per-call observation.
 */
@NullMarked
package io.github.civis.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
