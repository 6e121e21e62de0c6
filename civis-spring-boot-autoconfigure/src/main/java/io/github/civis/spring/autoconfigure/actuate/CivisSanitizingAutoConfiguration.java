package io.github.civis.spring.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

/**
 * Masks the Civis API key in the {@code configprops} and {@code env} endpoints even when they
 * are set to show values ({@code management.endpoint.*.show-values=always}): Boot itself masks
 * every value only while values are hidden.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class CivisSanitizingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "civisApiKeySanitizingFunction")
    SanitizingFunction civisApiKeySanitizingFunction() {
        // civis.api-key as bound, and the environment variable it usually comes from
        return SanitizingFunction.sanitizeValue().ifKeyMatchesIgnoringCase(String::equalsIgnoreCase,
                "civis.api-key", "civis.apiKey", "CIVIS_API_KEY");
    }

}
