/**
 * The API surface as the platform describes it: what each operation is called with (verb, route,
 * parameters), read from the catalog or from an OpenAPI 2.0 document, written as an OpenAPI 2.0
 * document, and compared to find what moved between two surfaces.
 */
@NullMarked
package io.github.civis.catalog.surface;

import org.jspecify.annotations.NullMarked;
