/**
 * Name-to-id lookups (databases, tables, credentials, storage hosts, the current user), cached
 * with a time to live, and table names split the way the platform splits them.
 */
@NullMarked
package io.github.civis.client.lookup;

import org.jspecify.annotations.NullMarked;
