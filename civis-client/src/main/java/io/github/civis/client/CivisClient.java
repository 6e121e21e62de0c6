package io.github.civis.client;

import java.util.Objects;

import io.github.civis.client.api.CivisApiGroups;
import io.github.civis.client.transport.BasicWebClientTransport;
import io.github.civis.client.transport.CivisTransport;

/**
 * Entry point of the Civis client: every resource group, blocking and reactive.
 */
public final class CivisClient extends CivisApiGroups {

    private final CivisTransport transport;

    private CivisClient(CivisTransport transport) {
        super(transport);
        this.transport = transport;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The transport every group calls through. */
    public CivisTransport transport() {
        return transport;
    }

    /** Builds a {@link CivisClient}. */
    public static final class Builder {

        private String baseUrl = "https://api.civisanalytics.com/";
        private java.util.function.Supplier<String> apiKey;
        private java.time.Duration connectTimeout = java.time.Duration.ofSeconds(10);
        private java.time.Duration responseTimeout = java.time.Duration.ofSeconds(60);
        private String userAgent;
        private org.springframework.web.reactive.function.client.WebClient.Builder webClientBuilder;
        private io.micrometer.observation.ObservationRegistry observationRegistry;

        /** Sets a supplier of the API key, asked on every call so that keys can rotate. */
        public Builder apiKeySupplier(java.util.function.Supplier<String> apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Sets the connect timeout. */
        public Builder connectTimeout(java.time.Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Sets the response timeout. */
        public Builder responseTimeout(java.time.Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        /** Sets the User-Agent. */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Sets the WebClient builder to start from (it is cloned). */
        public Builder webClientBuilder(org.springframework.web.reactive.function.client.WebClient.Builder builder) {
            this.webClientBuilder = builder;
            return this;
        }

        /** Sets the observation registry. */
        public Builder observationRegistry(io.micrometer.observation.ObservationRegistry registry) {
            this.observationRegistry = registry;
            return this;
        }

        /** Sets the base URL. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Sets the API key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = () -> apiKey;
            return this;
        }

        /** Builds the client. */
        public CivisClient build() {
            Objects.requireNonNull(apiKey, "apiKey");
            return new CivisClient(new BasicWebClientTransport(baseUrl, apiKey));
        }
    }
}
