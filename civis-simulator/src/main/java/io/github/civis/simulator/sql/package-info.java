/**
 * Seeded databases and tables of the simulator, the SQL it understands over them
 * ({@code SELECT … FROM schema.table [LIMIT n]}), the CSV it writes as query results and reads
 * as imports, and the seed file format.
 */
@NullMarked
package io.github.civis.simulator.sql;

import org.jspecify.annotations.NullMarked;
