/**
 * The entry point of the Civis client in plain Java: {@link io.github.civis.client.CivisClient}.
 */
@NullMarked
package io.github.civis.client;

import org.jspecify.annotations.NullMarked;
