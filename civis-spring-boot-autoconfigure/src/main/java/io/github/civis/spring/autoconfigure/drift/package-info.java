/**
 * Drift between the Civis API this application was built with and the one the platform serves
 * now: the check, the operations the application has called, the {@code civis} actuator
 * endpoint and the {@code civis.api.drift} gauge.
 */
@NullMarked
package io.github.civis.spring.autoconfigure.drift;

import org.jspecify.annotations.NullMarked;
