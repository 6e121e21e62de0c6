/**
 * The simulator's in-memory state: stored objects and their shares and projects, job runs,
 * uploaded files, and the sample values that give responses their catalog shape.
 */
@NullMarked
package io.github.civis.simulator.state;

import org.jspecify.annotations.NullMarked;
