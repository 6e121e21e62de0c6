/**
 * What the project's tests share across modules; a test-scope dependency only.
 */
@NullMarked
package io.github.civis.testsupport;

import org.jspecify.annotations.NullMarked;
