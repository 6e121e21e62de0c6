package io.github.civis.client.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Base of every response type. A response object keeps the JSON the API sent, unchanged; its
 * typed accessors read from it. So nothing is ever lost: fields the API added after this client
 * was generated stay readable through {@link #json(String)} and {@link #additionalProperties()},
 * a value sent in another type than documented is kept as sent, and serialising the object
 * (with any Jackson mapper) gives back exactly what the API sent.
 */
public abstract class CivisObject {

    private final JsonNode json;

    /**
     * Wraps a JSON object.
     * @param json the object as the API sent it
     * @throws io.github.civis.client.error.CivisTypeMismatchException when it is not a JSON
     *         object (an empty body, an array, a string...): the API did not send this type
     */
    protected CivisObject(JsonNode json) {
        JsonNode value = (json == null) ? MissingNode.getInstance() : json;
        if (!value.isObject()) {
            throw JsonValues.mismatch(getClass().getSimpleName(), "(body)", "object", value);
        }
        this.json = value;
    }

    /** The JSON the API sent, unchanged. */
    @JsonValue
    public final JsonNode json() {
        return json;
    }

    /**
     * One property as the API sent it.
     * @param wireName the camelCase JSON name
     * @return the value, a {@code NullNode} for an explicit null, or a {@code MissingNode} when absent
     */
    public final JsonNode json(String wireName) {
        JsonNode value = json.isObject() ? json.get(wireName) : null;
        return (value != null) ? value : MissingNode.getInstance();
    }

    /** Whether the API sent this property (possibly as {@code null}). */
    public final boolean has(String wireName) {
        return json.isObject() && json.has(wireName);
    }

    /** The properties the API sent that this type does not declare. */
    public final Map<String, JsonNode> additionalProperties() {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        if (json.isObject()) {
            Set<String> declared = declaredProperties();
            for (Map.Entry<String, JsonNode> entry : json.properties()) {
                if (!declared.contains(entry.getKey())) {
                    extra.put(entry.getKey(), entry.getValue());
                }
            }
        }
        return extra;
    }

    /** Wire names of the properties this type declares. */
    protected abstract Set<String> declaredProperties();

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && json.equals(((CivisObject) other).json);
    }

    @Override
    public final int hashCode() {
        return json.hashCode();
    }

    /** The type and the JSON as sent, with the values of secrets (see {@link SecretValues}) masked. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + SecretValues.printable(json);
    }
}
