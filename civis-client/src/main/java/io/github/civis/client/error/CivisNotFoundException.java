package io.github.civis.client.error;

/**
 * The object does not exist or is not visible to this API key (404).
 */
public class CivisNotFoundException extends CivisApiException {

    /**
     * Creates the exception.
     * @param details what the API said
     */
    public CivisNotFoundException(CivisApiError details) {
        super(details);
    }
}
