package io.github.civis.client.error;

/**
 * The Civis API failed to handle the call (5xx). Idempotent calls are retried on 502, 503 and 504.
 */
public class CivisServerException extends CivisApiException {

    /**
     * Creates the exception.
     * @param details what the API said
     */
    public CivisServerException(CivisApiError details) {
        super(details);
    }
}
