package io.github.civis.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Civis API is and how to authenticate to it. Defaults to the {@code civis.*}
 * properties; define a bean of this type (or let a Testcontainers {@code @ServiceConnection}
 * do it) to point the client somewhere else.
 */
public interface CivisConnectionDetails extends ConnectionDetails {

    /**
     * Base URL of the API, e.g. {@code https://api.civisanalytics.com/}.
     * @return the base URL
     */
    String baseUrl();

    /**
     * API key sent as a bearer token. Asked again on every call, so an implementation may
     * rotate it.
     * @return the key, or {@code null} when none is configured
     */
    @Nullable String apiKey();

}
