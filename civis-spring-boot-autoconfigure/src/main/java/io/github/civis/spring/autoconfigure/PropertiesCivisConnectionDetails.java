package io.github.civis.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * {@link CivisConnectionDetails} read from {@link CivisProperties}.
 */
final class PropertiesCivisConnectionDetails implements CivisConnectionDetails {

    private final CivisProperties properties;

    PropertiesCivisConnectionDetails(CivisProperties properties) {
        this.properties = properties;
    }

    @Override
    public String baseUrl() {
        return this.properties.getBaseUrl();
    }

    @Override
    public @Nullable String apiKey() {
        return this.properties.getApiKey();
    }

    @Override
    public String toString() {
        // never the key: connection details end up in logs and debuggers
        return "PropertiesCivisConnectionDetails[baseUrl=" + baseUrl() + "]";
    }

}
