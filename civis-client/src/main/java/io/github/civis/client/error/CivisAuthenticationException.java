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
        this(details, "CivisClient.builder().apiKey(...) or the CIVIS_API_KEY environment variable");
    }

    /**
     * Creates the exception naming where the application sets the key.
     * @param details what the API said
     * @param apiKeySource where the key is set, e.g. "the civis.api-key property or the
     *        CIVIS_API_KEY environment variable"
     */
    public CivisAuthenticationException(CivisApiError details, String apiKeySource) {
        super(details, withoutFinalPeriod(details.summary()) + ", so the API key is missing, invalid or expired "
                + "(Civis API keys expire after at most 30 days): create a new key in Civis and set it with "
                + apiKeySource + ".");
    }

    private static String withoutFinalPeriod(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
