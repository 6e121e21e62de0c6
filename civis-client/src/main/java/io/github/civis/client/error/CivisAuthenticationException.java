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
        super(details, details.httpMethod() + " " + details.route() + " (" + details.path() + ") was refused with "
                + details.status() + said(details) + ": the API key is missing, invalid or expired (Civis API keys "
                + "expire after at most 30 days); create a new key in Civis and set it with " + apiKeySource + ".");
    }

    /**
     * What the API said, in parentheses, as the first sentence of its description; nothing when
     * that already says what the message says, so that the message stays one sentence that does
     * not repeat itself. The whole text stays in {@link #errorDescription()}.
     */
    private static String said(CivisApiError details) {
        String description = details.errorDescription();
        String first = (description != null) ? description.strip().split("(?<=\\.)\\s", 2)[0] : "";
        first = first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
        if (first.toLowerCase(java.util.Locale.ROOT).contains("invalid or expired")) {
            first = "";
        }
        String code = (details.error() != null) ? details.error() : "";
        String said = code.isEmpty() || first.isEmpty() ? code + first : code + ": " + first;
        return said.isEmpty() ? "" : " (" + said + ")";
    }
}
