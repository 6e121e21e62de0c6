/**
 * The simulator's HTTP side: the server, routing of catalog routes, authentication, the
 * behaviour of the simulated API, presigned uploads, admin endpoints and Civis-style errors.
 */
@NullMarked
package io.github.civis.simulator.http;

import org.jspecify.annotations.NullMarked;
