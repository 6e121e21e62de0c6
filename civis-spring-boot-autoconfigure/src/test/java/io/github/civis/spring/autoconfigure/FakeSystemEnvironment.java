package io.github.civis.spring.autoconfigure;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Replaces the process environment of a test context with given variables, kept in a source
 * named like the real one so that relaxed binding maps them ({@code CIVIS_API_KEY} onto
 * {@code civis.api-key}) exactly as it would in production.
 */
public final class FakeSystemEnvironment {

    private FakeSystemEnvironment() {
    }

    /**
     * An initializer that installs the variables.
     * @param variables the environment variables
     * @return the initializer
     */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> of(Map<String, Object> variables) {
        return context -> context.getEnvironment()
            .getPropertySources()
            .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }

}
