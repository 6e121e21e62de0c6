package io.github.civis.spring.autoconfigure.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Blocking {@link HealthIndicator} of the Civis API, for servlet and non-web applications.
 */
public class CivisHealthIndicator implements HealthIndicator {

    private final CivisHealthCheck check;

    /**
     * Creates an indicator.
     * @param check the check to run
     */
    public CivisHealthIndicator(CivisHealthCheck check) {
        this.check = check;
    }

    @Override
    public Health health() {
        // the check has its own timeout and never fails; the margin only guards against a stuck publisher
        Health health = this.check.health().block(this.check.timeout().multipliedBy(2).plusSeconds(1));
        return (health != null) ? health : Health.unknown().build();
    }

}
