package io.github.civis.client.request;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.civis.client.json.JsonValues;
import io.github.civis.client.json.SecretValues;

/**
 * Base of the generated request types: the query values and body properties of one call,
 * holding only what the caller set. Generated builders add one typed setter per parameter.
 */
public abstract class CivisRequest {

    private final Map<String, List<String>> query;
    private final @Nullable ObjectNode body;

    protected CivisRequest(Builder<?> builder) {
        this.query = Collections.unmodifiableMap(new LinkedHashMap<>(builder.query));
        this.body = (builder.body != null) ? builder.body.deepCopy() : null;
    }

    /** Query values by wire name; array parameters carry the {@code []} suffix. */
    public final Map<String, List<String>> query() {
        return query;
    }

    /** The JSON body with the properties set, or {@code null} when none were. */
    public final @Nullable ObjectNode body() {
        return body;
    }

    /** The values set, with the values of secrets (see {@link SecretValues}) masked. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "{query=" + SecretValues.printable(query) + ", body="
                + ((body != null) ? SecretValues.printable(body) : null) + "}";
    }

    /**
     * Base of the generated builders.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {

        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private @Nullable ObjectNode body;
        private final java.util.Set<String> bodyNames;
        private final java.util.Set<String> queryNames;
        private final java.util.Set<String> queryArrayNames;

        /**
         * @param bodyNames wire names of the body properties the operation takes
         * @param queryNames wire names of the scalar query parameters
         * @param queryArrayNames wire names of the array query parameters
         */
        protected Builder(java.util.Set<String> bodyNames, java.util.Set<String> queryNames,
                java.util.Set<String> queryArrayNames) {
            this.bodyNames = bodyNames;
            this.queryNames = queryNames;
            this.queryArrayNames = queryArrayNames;
        }

        /**
         * Sets a parameter to a JSON value exactly as given, for values whose shape the API
         * documentation gets wrong. Only the operation's own parameters are accepted.
         * @param wireName the parameter's wire name
         * @param value the value; JSON null sends an explicit null (body) or removes it (query)
         * @return this builder
         * @throws io.github.civis.client.error.CivisValidationException when the operation has no
         *         such parameter
         */
        public final B json(String wireName, tools.jackson.databind.JsonNode value) {
            if (bodyNames.contains(wireName)) {
                return bodyValue(wireName, value);
            }
            if (queryArrayNames.contains(wireName)) {
                List<Object> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(values::add);
                }
                else if (!value.isNull()) {
                    values.add(value);
                }
                return queryValues(wireName, value.isNull() ? null : values);
            }
            if (queryNames.contains(wireName)) {
                return queryValue(wireName, value.isNull() ? null : value);
            }
            java.util.Set<String> known = new java.util.TreeSet<>(bodyNames);
            known.addAll(queryNames);
            known.addAll(queryArrayNames);
            throw new io.github.civis.client.error.CivisValidationException(getClass().getEnclosingClass()
                .getSimpleName() + " has no parameter '" + wireName + "'; it takes " + known);
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** Sets a query value; {@code null} removes it. */
        protected final B queryValue(String wireName, @Nullable Object value) {
            if (value == null) {
                query.remove(wireName);
            }
            else {
                query.put(wireName, List.of(JsonValues.toQueryText(value)));
            }
            return self();
        }

        /** Sets an array query value, sent as {@code name[]=a&name[]=b}; {@code null} removes it. */
        protected final B queryValues(String wireName, @Nullable Collection<?> values) {
            String key = wireName + "[]";
            if (values == null) {
                query.remove(key);
            }
            else {
                List<String> texts = new ArrayList<>(values.size());
                for (Object value : values) {
                    texts.add(JsonValues.toQueryText(value));
                }
                query.put(key, List.copyOf(texts));
            }
            return self();
        }

        /** Sets a body property; {@code null} sends an explicit JSON null. */
        protected final B bodyValue(String wireName, @Nullable Object value) {
            if (body == null) {
                body = JsonNodeFactory.instance.objectNode();
            }
            body.set(wireName, JsonValues.toJson(value));
            return self();
        }
    }
}
