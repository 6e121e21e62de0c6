package io.github.civis.spring.autoconfigure;

import io.github.civis.client.error.CivisConfigurationException;

/**
 * The configured base URL of the Civis API cannot be used.
 */
public class CivisBaseUrlException extends CivisConfigurationException {

    /**
     * Creates an exception.
     * @param baseUrl the base URL as shown to the user, without any user information
     * @param reason why it cannot be used
     */
    public CivisBaseUrlException(String baseUrl, String reason) {
        super("civis.base-url", "CIVIS_API_ENDPOINT",
                "The Civis base URL '" + baseUrl + "' (property civis.base-url) cannot be used: " + reason + ".");
    }

    @Override
    public String action() {
        return "Set the property civis.base-url (or the environment variable CIVIS_API_ENDPOINT) to an absolute "
                + "http or https URL, such as https://api.civisanalytics.com/.";
    }

}
