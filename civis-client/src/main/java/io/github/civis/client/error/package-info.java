/**
 * The exceptions of the Civis client: one type per kind of failure, each naming what went wrong without the API key.
 */
@NullMarked
package io.github.civis.client.error;

import org.jspecify.annotations.NullMarked;
