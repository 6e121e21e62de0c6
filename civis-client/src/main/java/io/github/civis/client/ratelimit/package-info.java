/**
 * The rate-limit facts the Civis API reports on its responses ({@code X-RateLimit-*} headers).
 */
@NullMarked
package io.github.civis.client.ratelimit;

import org.jspecify.annotations.NullMarked;
