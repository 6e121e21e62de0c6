/**
 * Runs of Civis jobs as first-class objects: start a job or a template, await it with polling
 * that respects the platform's rate limit, cancel it, follow its logs and read its outputs,
 * blocking ({@link io.github.civis.client.runs.CivisRuns}) or reactive
 * ({@link io.github.civis.client.runs.ReactiveCivisRuns}).
 */
@NullMarked
package io.github.civis.client.runs;

import org.jspecify.annotations.NullMarked;
