package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * Tests for {@link CivisApiEndpointEnvironmentPostProcessor}.
 */
class CivisApiEndpointEnvironmentPostProcessorTests {

    private final CivisApiEndpointEnvironmentPostProcessor postProcessor =
            new CivisApiEndpointEnvironmentPostProcessor();

    @Test
    void apiEndpointSetsBaseUrl() {
        MockEnvironment environment = new MockEnvironment().withProperty("CIVIS_API_ENDPOINT",
                "https://e.example.com/");
        this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("civis.base-url")).isEqualTo("https://e.example.com/");
    }

    @Test
    void explicitBaseUrlWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("CIVIS_API_ENDPOINT", "https://e.example.com/")
            .withProperty("civis.base-url", "https://explicit.example.com/");
        this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("civis.base-url")).isEqualTo("https://explicit.example.com/");
    }

    @Test
    void nothingAddedWithoutApiEndpoint() {
        MockEnvironment environment = new MockEnvironment();
        this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getPropertySources()
            .contains(CivisApiEndpointEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("civis.base-url")).isNull();
    }

}
