package io.github.civis.spring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import io.github.civis.client.CivisClient;

/**
 * Adds {@code civis} to the info endpoint: the client's version and the API base URL.
 */
public class CivisInfoContributor implements InfoContributor {

    private final String baseUrl;

    /**
     * Creates a contributor.
     * @param baseUrl the base URL the client calls
     */
    public CivisInfoContributor(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> civis = new LinkedHashMap<>();
        civis.put("clientVersion", clientVersion());
        civis.put("baseUrl", this.baseUrl);
        builder.withDetail("civis", civis);
    }

    /**
     * Version of the Civis client on the class path, from its jar manifest.
     * @return the version, or {@code unknown} when the client is not run from its jar
     */
    static String clientVersion() {
        String version = CivisClient.class.getPackage().getImplementationVersion();
        return (version != null) ? version : "unknown";
    }

}
