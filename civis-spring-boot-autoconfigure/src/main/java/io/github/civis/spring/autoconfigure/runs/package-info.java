/**
 * Auto-configuration of the Civis runs: the {@code civisRuns} and {@code reactiveCivisRuns}
 * beans and their polling settings ({@code civis.runs.*}).
 */
@NullMarked
package io.github.civis.spring.autoconfigure.runs;

import org.jspecify.annotations.NullMarked;
