/**
 * Not an API: what the client keeps out of its public types, for its own modules and tests. May change in any release.
 */
@NullMarked
package io.github.civis.client.internal;

import org.jspecify.annotations.NullMarked;
