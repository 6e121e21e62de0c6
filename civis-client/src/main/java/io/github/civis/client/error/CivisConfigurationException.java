package io.github.civis.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The client cannot be built or used because a setting is missing or unusable. Names the
 * setting (a builder setting such as {@code apiKey}, or a Spring property such as
 * {@code civis.api-key}) and the environment variable that can provide it; never contains the API key.
 */
public class CivisConfigurationException extends CivisException {

    private final String setting;
    private final @Nullable String environmentVariable;

    /**
     * Creates the exception.
     * @param setting the setting at fault, e.g. {@code apiKey} or {@code civis.api-key}
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

    /**
     * What to do about it, in one sentence: by default, give the setting (or its environment
     * variable) a usable value. Subclasses that know more say more.
     * @return the suggested action
     */
    public String action() {
        return "Set " + setting + ((environmentVariable != null) ? " (or the environment variable " + environmentVariable
                + ")" : "") + " to a usable value.";
    }
}
