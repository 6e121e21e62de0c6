/**
 * Micrometer observation of Civis calls: documentation, conventions, context and listener hooks.
 */
@NullMarked
package io.github.civis.client.observation;

import org.jspecify.annotations.NullMarked;
