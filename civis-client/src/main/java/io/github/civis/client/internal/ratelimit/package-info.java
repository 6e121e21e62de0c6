/**
 * The client's rate budget: the stage every call passes before it is sent. Not for users; the
 * settings and the store interface are in {@code io.github.civis.client.ratelimit}.
 */
@NullMarked
package io.github.civis.client.internal.ratelimit;

import org.jspecify.annotations.NullMarked;
