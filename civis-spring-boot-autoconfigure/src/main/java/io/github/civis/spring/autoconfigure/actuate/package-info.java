/**
 * Actuator integration for the Civis client: info contribution and sanitizing of the API key.
 */
@NullMarked
package io.github.civis.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
