package io.github.civis.client.error;

/**
 * The call conflicts with the current state of the object (409).
 */
public class CivisConflictException extends CivisApiException {

    /**
     * Creates the exception.
     * @param details what the API said
     */
    public CivisConflictException(CivisApiError details) {
        super(details);
    }
}
