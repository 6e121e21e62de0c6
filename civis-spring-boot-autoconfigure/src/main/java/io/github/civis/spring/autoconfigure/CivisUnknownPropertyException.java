package io.github.civis.spring.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.error.CivisConfigurationException;

/**
 * {@code civis.*} keys are set that no Civis module knows, most likely misspelt ones. Names every
 * such key, each with the closest known key when one is close.
 */
public class CivisUnknownPropertyException extends CivisConfigurationException {

    private final Map<String, @Nullable String> suggestions;

    /**
     * Creates an exception for one unknown key.
     * @param property the unknown key, e.g. {@code civis.base-ulr}
     * @param suggestion the closest known key, or {@code null} when none is close
     */
    public CivisUnknownPropertyException(String property, @Nullable String suggestion) {
        this(Collections.singletonMap(property, suggestion));
    }

    /**
     * Creates an exception for every unknown key that is set.
     * @param suggestions each unknown key, in the order to report them, with the closest known
     *        key, or {@code null} when none is close
     * @throws IllegalArgumentException when there is no key
     */
    public CivisUnknownPropertyException(Map<String, ? extends @Nullable String> suggestions) {
        super(String.join(", ", requireKeys(suggestions).keySet()), null, message(suggestions));
        this.suggestions = Collections.unmodifiableMap(new LinkedHashMap<>(suggestions));
    }

    private static <M extends Map<String, ?>> M requireKeys(M suggestions) {
        if (suggestions.isEmpty()) {
            throw new IllegalArgumentException("No unknown property to report");
        }
        return suggestions;
    }

    private static String message(Map<String, ? extends @Nullable String> suggestions) {
        if (suggestions.size() == 1) {
            Map.Entry<String, ? extends @Nullable String> only = suggestions.entrySet().iterator().next();
            return "The property " + only.getKey() + " is set but no Civis module knows it"
                    + ((only.getValue() != null) ? ": did you mean " + only.getValue() + "?" : ".");
        }
        return suggestions.size() + " properties are set that no Civis module knows:" + suggestions.entrySet()
            .stream()
            .map(each -> "\n    " + each.getKey()
                    + ((each.getValue() != null) ? ": did you mean " + each.getValue() + "?" : ""))
            .collect(Collectors.joining());
    }

    /**
     * The closest known key to the first unknown one.
     * @return the key, or {@code null} when none is close
     */
    public @Nullable String suggestion() {
        return this.suggestions.values().iterator().next();
    }

    /**
     * Every unknown key, in the order reported, with the closest known key.
     * @return the keys and their suggestions ({@code null} when none is close)
     */
    public Map<String, @Nullable String> suggestions() {
        return this.suggestions;
    }

    @Override
    public String action() {
        return this.suggestions.entrySet().stream().map(each -> action(each.getKey(), each.getValue()))
            .collect(Collectors.joining("\n"));
    }

    private static String action(String property, @Nullable String suggestion) {
        return (suggestion != null) ? "Rename " + property + " to " + suggestion + ", or remove it."
                : "Remove " + property + ", or correct it to one of the civis.* properties listed in the "
                        + "documentation.";
    }

}
