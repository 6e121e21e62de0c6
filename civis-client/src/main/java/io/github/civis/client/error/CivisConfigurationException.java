package io.github.civis.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The client cannot be built or used because a setting is missing or unusable. Names the
 * setting and the environment variable that can provide it; never contains the API key.
 */
public class CivisConfigurationException extends CivisException {

    private final String setting;
    private final @Nullable String environmentVariable;

    /**
     * Creates the exception.
     * @param setting the builder setting at fault, e.g. {@code apiKey}
     * @param environmentVariable the environment variable that can provide it, or {@code null}
     * @param message what is wrong and how to fix it
     */
    public CivisConfigurationException(String setting, @Nullable String environmentVariable, String message) {
        super(message);
        this.setting = setting;
        this.environmentVariable = environmentVariable;
    }

    /** The builder setting at fault, e.g. {@code apiKey} or {@code baseUrl}. */
    public String setting() {
        return setting;
    }

    /** The environment variable that can provide the setting, or {@code null}. */
    public @Nullable String environmentVariable() {
        return environmentVariable;
    }
}
