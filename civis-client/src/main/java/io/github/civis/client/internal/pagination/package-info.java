/**
 * Not an API: the walk over the pages of a paginated list. May change in any release.
 */
@NullMarked
package io.github.civis.client.internal.pagination;

import org.jspecify.annotations.NullMarked;
