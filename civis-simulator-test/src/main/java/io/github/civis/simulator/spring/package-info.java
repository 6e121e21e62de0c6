/**
 * Spring TestContext support: {@link io.github.civis.simulator.spring.CivisSimulatorTest} runs a
 * simulator for a Spring test's application context and points {@code civis.base-url} and
 * {@code civis.api-key} at it. Needs {@code spring-test}, an optional dependency of this module.
 */
@NullMarked
package io.github.civis.simulator.spring;

import org.jspecify.annotations.NullMarked;
