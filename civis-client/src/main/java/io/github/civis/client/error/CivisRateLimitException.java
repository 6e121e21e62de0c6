package io.github.civis.client.error;

/**
 * The API refused the call because the rate limit is reached (429). {@link #retryAfter()} says
 * how long the API asked to wait; the transport retries with at least that wait.
 */
public class CivisRateLimitException extends CivisApiException {

    /**
     * Creates the exception.
     * @param details what the API said
     */
    public CivisRateLimitException(CivisApiError details) {
        super(details);
    }
}
