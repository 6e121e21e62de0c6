/**
 * Auto-configuration of the Civis Spring Batch steps: the {@code civisBatchBuilders} bean and its
 * settings ({@code civis.batch.*}), when Spring Batch is on the class path.
 */
@NullMarked
package io.github.civis.spring.autoconfigure.batch;

import org.jspecify.annotations.NullMarked;
