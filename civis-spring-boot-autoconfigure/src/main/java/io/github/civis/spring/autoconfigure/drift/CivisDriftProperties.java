package io.github.civis.spring.autoconfigure.drift;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the drift check ({@code civis.drift.*}): whether the platform's current API
 * document is compared with the bundled one, and how often. Bound on their own with unknown
 * fields rejected, and checked when bound.
 */
@ConfigurationProperties(prefix = "civis.drift", ignoreUnknownFields = false)
public class CivisDriftProperties implements Validator {

    /**
     * Whether to compare the platform's API document (GET /endpoints) with the API this
     * application was built with, once after start-up and then every refresh period.
     */
    private boolean enabled = true;

    /**
     * Time between two reads of the platform's API document.
     */
    private Duration refresh = Duration.ofHours(24);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getRefresh() {
        return this.refresh;
    }

    public void setRefresh(Duration refresh) {
        this.refresh = refresh;
    }

    @Override
    public boolean supports(Class<?> type) {
        return CivisDriftProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        Duration checked = ((CivisDriftProperties) target).refresh;
        if (checked == null || checked.isZero() || checked.isNegative()) {
            errors.rejectValue("refresh", "civis.notPositive",
                    "civis.drift.refresh must be a positive duration, was " + checked);
        }
    }

}
