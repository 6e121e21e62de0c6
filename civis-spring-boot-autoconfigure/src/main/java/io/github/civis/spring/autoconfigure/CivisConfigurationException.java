package io.github.civis.spring.autoconfigure;

import io.github.civis.client.error.CivisException;

/**
 * The Civis client cannot be built from the configuration. Names the property (and the
 * environment variable) to set so that {@link CivisFailureAnalyzer} can say what to do. Messages
 * never contain the API key.
 */
public abstract class CivisConfigurationException extends CivisException {

    private final String property;

    private final String environmentVariable;

    /**
     * Creates an exception.
     * @param message what is wrong
     * @param property the property to set, e.g. {@code civis.api-key}
     * @param environmentVariable the environment variable that can be set instead
     */
    protected CivisConfigurationException(String message, String property, String environmentVariable) {
        super(message);
        this.property = property;
        this.environmentVariable = environmentVariable;
    }

    /**
     * Property to set.
     * @return the property name, e.g. {@code civis.api-key}
     */
    public String property() {
        return this.property;
    }

    /**
     * Environment variable that can be set instead of the property.
     * @return the variable name, e.g. {@code CIVIS_API_KEY}
     */
    public String environmentVariable() {
        return this.environmentVariable;
    }

    /**
     * What to do about it, in one or two sentences.
     * @return the suggested action
     */
    public abstract String action();

}
