/**
 * Testcontainers service connections for the Civis simulator.
 */
@NullMarked
package io.github.civis.spring.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
