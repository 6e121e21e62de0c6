package io.github.civis.spring.autoconfigure;

import io.github.civis.client.CivisClient;

/**
 * Callback to customise the {@link CivisClient.Builder} of the auto-configured client after the
 * properties and connection details have been applied. Customizers run in
 * {@link org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface CivisClientCustomizer {

    /**
     * Customises the builder.
     * @param builder the builder of the auto-configured client
     */
    void customize(CivisClient.Builder builder);

}
