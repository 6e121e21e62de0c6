package io.github.civis.spring.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Lets the {@code CIVIS_API_ENDPOINT} environment variable, the name other Civis clients read,
 * set {@code civis.base-url}. Relaxed binding already maps {@code CIVIS_API_KEY} onto
 * {@code civis.api-key}, but no binding rule maps {@code API_ENDPOINT} onto {@code base-url}.
 * The fallback is added with the lowest precedence, so any {@code civis.base-url} set elsewhere
 * wins.
 */
public class CivisApiEndpointEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** Name of the property source holding the fallback. */
    public static final String PROPERTY_SOURCE_NAME = "civisApiEndpointFallback";

    static final String ENVIRONMENT_VARIABLE = "CIVIS_API_ENDPOINT";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(ENVIRONMENT_VARIABLE);
        if (StringUtils.hasText(endpoint)) {
            environment.getPropertySources()
                .addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("civis.base-url", endpoint)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

}
