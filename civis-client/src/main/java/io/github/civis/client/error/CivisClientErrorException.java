package io.github.civis.client.error;

/**
 * The API rejected the call for another client-side reason (4xx other than 401, 403, 404, 409, 429).
 */
public class CivisClientErrorException extends CivisApiException {

    /**
     * Creates the exception.
     * @param details what the API said
     */
    public CivisClientErrorException(CivisApiError details) {
        super(details);
    }
}
