/**
 * Spring Batch steps over the Civis workflows: {@link io.github.civis.batch.CivisRunTasklet}
 * runs a Civis job and awaits it, {@link io.github.civis.batch.CivisSqlItemReader} reads a
 * query's result row by row, {@link io.github.civis.batch.CivisTableItemWriter} loads items into
 * a table with one CSV import per step. All three are restartable through the step's
 * {@link org.springframework.batch.infrastructure.item.ExecutionContext}.
 */
@NullMarked
package io.github.civis.batch;

import org.jspecify.annotations.NullMarked;
