/**
 * Not an API: the blocking and reactive retry loops that apply a {@code CivisRetryPolicy}. May change in any release.
 */
@NullMarked
package io.github.civis.client.internal.retry;

import org.jspecify.annotations.NullMarked;
