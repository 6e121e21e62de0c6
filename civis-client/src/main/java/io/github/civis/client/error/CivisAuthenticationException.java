package io.github.civis.client.error;

/**
 * The API did not accept the API key (401). The message says, in one sentence, why this usually
 * happens and where the key is set; it never contains the key. What the API said is in
 * {@link #errorDescription()}.
 */
public class CivisAuthenticationException extends CivisApiException {

    /**
     * Creates the exception.
     * @param details what the API said
     */
    public CivisAuthenticationException(CivisApiError details) {
        this(details, "CivisClient.builder().apiKey(...) or the CIVIS_API_KEY environment variable");
    }

    /**
     * Creates the exception naming where the application sets the key.
     * @param details what the API said
     * @param apiKeySource where the key is set, e.g. "the civis.api-key property or the
     *        CIVIS_API_KEY environment variable"
     */
    public CivisAuthenticationException(CivisApiError details, String apiKeySource) {
        // One sentence: the platform's own description (errorDescription()) usually says the same again.
        super(details, details.httpMethod() + " " + details.route() + " (" + details.path() + ") was refused with "
                + details.status() + ": the API key is missing, invalid or expired (Civis API keys expire after at "
                + "most 30 days); create a new key in Civis and set it with " + apiKeySource + ".");
    }
}
