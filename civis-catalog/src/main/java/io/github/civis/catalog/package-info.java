/**
 * The Civis API catalog as data: groups, operations, parameters and types, with the reader and writer of its JSON form.
 */
@NullMarked
package io.github.civis.catalog;

import org.jspecify.annotations.NullMarked;
