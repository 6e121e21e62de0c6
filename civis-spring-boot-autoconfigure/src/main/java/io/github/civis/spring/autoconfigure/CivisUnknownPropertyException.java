package io.github.civis.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.error.CivisConfigurationException;

/**
 * A {@code civis.*} key is set that no Civis module knows, most likely a misspelt one.
 */
public class CivisUnknownPropertyException extends CivisConfigurationException {

    private final @Nullable String suggestion;

    /**
     * Creates an exception.
     * @param property the unknown key, e.g. {@code civis.base-ulr}
     * @param suggestion the closest known key, or {@code null} when none is close
     */
    public CivisUnknownPropertyException(String property, @Nullable String suggestion) {
        super(property, null, "The property " + property + " is set but no Civis module knows it"
                + ((suggestion != null) ? ": did you mean " + suggestion + "?" : "."));
        this.suggestion = suggestion;
    }

    /**
     * The closest known key.
     * @return the key, or {@code null} when none is close
     */
    public @Nullable String suggestion() {
        return this.suggestion;
    }

    @Override
    public String action() {
        return (this.suggestion != null) ? "Rename " + setting() + " to " + this.suggestion + ", or remove it."
                : "Remove " + setting() + ", or correct it to one of the civis.* properties listed in the "
                        + "documentation.";
    }

}
