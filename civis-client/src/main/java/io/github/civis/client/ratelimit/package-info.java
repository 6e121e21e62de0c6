/**
 * Rate limits: the facts the Civis API reports on its responses ({@code X-RateLimit-*} headers), and
 * the client's budget settings and the stores its buckets live in.
 */
@NullMarked
package io.github.civis.client.ratelimit;

import org.jspecify.annotations.NullMarked;
