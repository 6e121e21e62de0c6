package io.github.civis.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * Checks shared by the self-validating properties classes. Every message names the property as
 * users write it, because that is what they search their configuration for.
 */
final class PropertyChecks {

    private PropertyChecks() {
    }

    static void positive(Errors errors, String field, String property, @Nullable Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            errors.rejectValue(field, "civis.notPositive", property + " must be a positive duration, was " + value);
        }
    }

    static void notNegative(Errors errors, String field, String property, @Nullable Duration value) {
        if (value == null || value.isNegative()) {
            errors.rejectValue(field, "civis.negative", property + " must not be negative, was " + value);
        }
    }

    static void atLeast(Errors errors, String field, String property, int value, int minimum) {
        if (value < minimum) {
            errors.rejectValue(field, "civis.tooSmall", property + " must be at least " + minimum + ", was " + value);
        }
    }

}
