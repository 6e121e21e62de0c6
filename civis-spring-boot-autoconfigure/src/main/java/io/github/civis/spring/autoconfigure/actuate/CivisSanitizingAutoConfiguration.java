package io.github.civis.spring.autoconfigure.actuate;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.civis.spring.autoconfigure.CivisConnectionDetails;

/**
 * Masks the Civis API key in the {@code configprops} and {@code env} endpoints even when they
 * are set to show values ({@code management.endpoint.*.show-values=always}): Boot itself masks
 * every value only while values are hidden. Masked are {@code civis.api-key} and
 * {@code CIVIS_API_KEY} by name, and any other value that contains the configured key whatever
 * its name, such as {@code sun.java.command} when the key was given as
 * {@code --civis.api-key=…} on the command line.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class CivisSanitizingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "civisApiKeySanitizingFunction")
    SanitizingFunction civisApiKeySanitizingFunction(ObjectProvider<CivisConnectionDetails> connectionDetails,
            Environment environment) {
        // civis.api-key as bound, and the environment variable it usually comes from
        return SanitizingFunction.sanitizeValue()
            .ifKeyMatchesIgnoringCase(String::equalsIgnoreCase, "civis.api-key", "civis.apiKey", "CIVIS_API_KEY")
            .ifValueStringMatches(containsConfiguredKey(connectionDetails, environment));
    }

    /**
     * Whether a value contains the key, as configured now: the connection details are asked each
     * time because they may rotate the key, and the property covers a key given in the
     * environment while another bean provides the connection details.
     */
    private static Predicate<String> containsConfiguredKey(ObjectProvider<CivisConnectionDetails> connectionDetails,
            Environment environment) {
        return value -> {
            CivisConnectionDetails details = connectionDetails.getIfAvailable();
            return contains(value, (details != null) ? details.apiKey() : null)
                    || contains(value, environment.getProperty("civis.api-key"));
        };
    }

    private static boolean contains(String value, @Nullable String key) {
        return key != null && !key.isBlank() && value.contains(key.trim());
    }

}
