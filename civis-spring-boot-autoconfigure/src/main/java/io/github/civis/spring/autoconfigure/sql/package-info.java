/**
 * Auto-configuration of Civis SQL, table transfers and lookups: the {@code civisSql},
 * {@code reactiveCivisSql}, {@code civisTableTransfers}, {@code reactiveCivisTableTransfers} and
 * {@code civisLookups} beans, and the lookup cache ({@code civis.lookup.*}, or the application's
 * Spring {@code CacheManager}).
 */
@NullMarked
package io.github.civis.spring.autoconfigure.sql;

import org.jspecify.annotations.NullMarked;
