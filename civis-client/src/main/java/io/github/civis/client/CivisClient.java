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
        private String apiKey;

        /** Sets the base URL. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Sets the API key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Builds the client. */
        public CivisClient build() {
            String key = Objects.requireNonNull(apiKey, "apiKey");
            return new CivisClient(new BasicWebClientTransport(baseUrl, () -> key));
        }
    }
}
