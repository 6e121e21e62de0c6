/**
 * The naming rules that turn documented Civis names into Java names, shared by the importer, the generator and the conformance runner.
 */
@NullMarked
package io.github.civis.catalog.naming;

import org.jspecify.annotations.NullMarked;
