package io.github.civis.spring.autoconfigure;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.ApiGroup;
import io.github.civis.client.api.CivisApiGroups;

/**
 * Factory method behind the per-group API beans ({@code credentialsApi},
 * {@code reactiveCredentialsApi}, …). A static factory method, rather than an instance
 * supplier, so that Spring AOT can write the bean definitions as plain code.
 */
public final class CivisApiBeans {

    private CivisApiBeans() {
    }

    /**
     * Returns the API of one group held by the client.
     * @param client the client
     * @param type the API interface, e.g. {@code CredentialsApi.class}
     * @param <T> the API type
     * @return the client's instance of {@code type}
     * @throws IllegalArgumentException when {@code type} is not one of the client's API interfaces
     */
    public static <T> T civisApi(CivisClient client, Class<T> type) {
        for (ApiGroup group : CivisApiGroups.apiGroups()) {
            if (group.type().equals(type)) {
                return type.cast(group.accessor().apply(client));
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not a Civis API interface");
    }

}
