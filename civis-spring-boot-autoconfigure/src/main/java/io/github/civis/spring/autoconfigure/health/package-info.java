/**
 * Actuator health contributor for the Civis API.
 */
@NullMarked
package io.github.civis.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
