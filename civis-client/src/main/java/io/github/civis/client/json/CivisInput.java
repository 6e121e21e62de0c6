package io.github.civis.client.json;

import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the nested objects of request bodies. Holds only the properties the caller set, so
 * that the request sends exactly those; a property set to {@code null} is sent as an explicit
 * JSON null.
 */
public abstract class CivisInput {

    private final ObjectNode json;

    protected CivisInput(ObjectNode json) {
        this.json = json;
    }

    /** The JSON this input sends. */
    @JsonValue
    public final ObjectNode json() {
        return json;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && json.equals(((CivisInput) other).json);
    }

    @Override
    public final int hashCode() {
        return json.hashCode();
    }

    /** The type and the JSON it sends, with the values of secrets (see {@link SecretValues}) masked. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + SecretValues.printable(json);
    }

    /**
     * Base of the generated builders of nested request objects.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {

        private final ObjectNode json = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        private final java.util.Set<String> properties;

        /** @param properties wire names of the properties this type takes */
        protected Builder(java.util.Set<String> properties) {
            this.properties = properties;
        }

        /**
         * Sets a property to a JSON value exactly as given, for values whose shape the API
         * documentation gets wrong. Only the type's own properties are accepted.
         * @param wireName the property's wire name
         * @param value the value
         * @return this builder
         * @throws io.github.civis.client.error.CivisValidationException when the type has no such property
         */
        public final B json(String wireName, tools.jackson.databind.JsonNode value) {
            if (!properties.contains(wireName)) {
                throw new io.github.civis.client.error.CivisValidationException(getClass().getEnclosingClass()
                    .getSimpleName() + " has no property '" + wireName + "'; it takes "
                        + new java.util.TreeSet<>(properties));
            }
            return putValue(wireName, value);
        }

        /** Sets a property; {@code null} sends an explicit JSON null. */
        @SuppressWarnings("unchecked")
        protected final B putValue(String wireName, @org.jspecify.annotations.Nullable Object value) {
            json.set(wireName, JsonValues.toJson(value));
            return (B) this;
        }

        /**
         * A copy of the properties set so far, after checking that the required ones are there.
         * @param typeName the type being built, for the message
         * @param required wire names of the required properties
         * @return the JSON to wrap
         */
        protected final ObjectNode build(String typeName, String... required) {
            for (String name : required) {
                // required means present and not null
                if (!json.has(name) || json.get(name).isNull()) {
                    throw new io.github.civis.client.error.CivisValidationException(
                            typeName + ": required field '" + name + "' is not set (or set to null)");
                }
            }
            return json.deepCopy();
        }
    }
}
