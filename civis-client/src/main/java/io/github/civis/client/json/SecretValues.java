package io.github.civis.client.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which values hold secrets, and their printable form. Every {@code toString()} of the client's
 * requests, inputs and responses, and every message that quotes a value, goes through here, so
 * that a password or token never reaches a log line; the JSON sent and received is never changed.
 *
 * <p>The rule, drawn from the names and descriptions of the API catalog: a property holds a
 * secret when its name, ignoring case and underscores, ends with {@code password}, {@code token},
 * {@code apikey} or {@code privatekey}, or contains {@code secret} (so {@code password},
 * {@code secretAccessKey}, {@code sessionToken}, {@code token}, {@code apiKey},
 * {@code zendeskToken}). Names of identifiers, such as {@code apiKeyId}, {@code accessKey}
 * ("the identifier of the credential") or {@code key}, do not match. Booleans (such as
 * {@code machineToken}, a flag) and nulls print as they are; any other value of a secret
 * property prints as {@value #MASK}.
 */
public final class SecretValues {

    /** What a secret value prints as. */
    public static final String MASK = "****";

    private static final List<String> SECRET_SUFFIXES = List.of("password", "token", "apikey", "privatekey");

    private SecretValues() {
    }

    /**
     * Whether a property of this name holds a secret.
     * @param name the wire name (camelCase or snake_case)
     * @return whether its values are masked when printed
     */
    public static boolean isSecret(String name) {
        String normalized = name.replace("_", "").toLowerCase(Locale.ROOT);
        if (normalized.contains("secret")) {
            return true;
        }
        for (String suffix : SECRET_SUFFIXES) {
            if (normalized.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a value of a property is printed masked: a secret property's value that is neither
     * a boolean nor null.
     * @param name the wire name
     * @param value the value
     * @return whether to print {@value #MASK} instead
     */
    public static boolean isMasked(String name, JsonNode value) {
        return isSecret(name) && !value.isBoolean() && !value.isNull() && !value.isMissingNode();
    }

    /**
     * A copy of the JSON for printing, with the values of secret properties at any depth
     * replaced by {@value #MASK}; the JSON itself unchanged when it holds no secret.
     * @param json the JSON
     * @return the printable JSON
     */
    public static JsonNode printable(JsonNode json) {
        return containsSecret(json) ? mask(json) : json;
    }

    /**
     * Query values for printing, secret ones replaced by {@value #MASK}.
     * @param query values by wire name (array names carry {@code []})
     * @return the printable values
     */
    public static Map<String, List<String>> printable(Map<String, List<String>> query) {
        Map<String, List<String>> printable = new LinkedHashMap<>();
        query.forEach((name, values) -> printable.put(name,
                isSecret(name.endsWith("[]") ? name.substring(0, name.length() - 2) : name) ? List.of(MASK) : values));
        return printable;
    }

    private static boolean containsSecret(JsonNode json) {
        if (json.isObject()) {
            for (Map.Entry<String, JsonNode> property : json.properties()) {
                if (isMasked(property.getKey(), property.getValue()) || containsSecret(property.getValue())) {
                    return true;
                }
            }
        }
        else if (json.isArray()) {
            for (JsonNode element : json) {
                if (containsSecret(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode mask(JsonNode json) {
        if (json.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> property : json.properties()) {
                JsonNode value = property.getValue();
                copy.set(property.getKey(), isMasked(property.getKey(), value)
                        ? JsonNodeFactory.instance.stringNode(MASK) : mask(value));
            }
            return copy;
        }
        if (json.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            json.forEach(element -> copy.add(mask(element)));
            return copy;
        }
        return json;
    }
}
