package io.github.civis.spring.autoconfigure;

import io.github.civis.client.error.CivisConfigurationException;

/**
 * No API key is configured for the Civis client.
 */
public class CivisApiKeyMissingException extends CivisConfigurationException {

    /**
     * Creates an exception.
     */
    public CivisApiKeyMissingException() {
        super("civis.api-key", "CIVIS_API_KEY", "No Civis API key is configured: neither the property civis.api-key "
                + "nor the environment variable CIVIS_API_KEY is set.");
    }

    @Override
    public String action() {
        return "Set the property civis.api-key (or the environment variable CIVIS_API_KEY) to a Civis API key, "
                + "or define a CivisConnectionDetails bean.";
    }

}
