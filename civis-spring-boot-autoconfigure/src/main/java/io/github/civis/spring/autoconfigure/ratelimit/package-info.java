/**
 * Auto-configuration of the Civis client's rate budget, and its Redis store.
 */
@NullMarked
package io.github.civis.spring.autoconfigure.ratelimit;

import org.jspecify.annotations.NullMarked;
