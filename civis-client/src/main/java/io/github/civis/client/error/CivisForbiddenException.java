package io.github.civis.client.error;

/**
 * The API key is valid but not allowed to do this (403).
 */
public class CivisForbiddenException extends CivisApiException {

    /**
     * Creates the exception.
     * @param details what the API said
     */
    public CivisForbiddenException(CivisApiError details) {
        super(details);
    }
}
