/**
 * Retry policy of the Civis client and its adapters to Spring's RetryTemplate and Reactor's retryWhen.
 */
@NullMarked
package io.github.civis.client.retry;

import org.jspecify.annotations.NullMarked;
