package io.github.civis.client.error;

/**
 * The API did not accept the API key (401). The message says why this usually happens; it never
 * contains the key.
 */
public class CivisAuthenticationException extends CivisApiException {

    /**
     * Creates the exception.
     * @param details what the API said
     */
    public CivisAuthenticationException(CivisApiError details) {
        super(details, details.summary() + ". The API key is missing, invalid or expired (Civis API keys "
                + "expire after at most 30 days); create a new key in Civis and set it with "
                + "CivisClient.builder().apiKey(...) or the CIVIS_API_KEY environment variable");
    }
}
