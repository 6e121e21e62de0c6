package io.github.civis.spring.autoconfigure.health;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Non-blocking {@link ReactiveHealthIndicator} of the Civis API, for reactive web applications.
 */
public class CivisReactiveHealthIndicator implements ReactiveHealthIndicator {

    private final CivisHealthCheck check;

    /**
     * Creates an indicator.
     * @param check the check to run
     */
    public CivisReactiveHealthIndicator(CivisHealthCheck check) {
        this.check = check;
    }

    @Override
    public Mono<Health> health() {
        return this.check.health();
    }

}
