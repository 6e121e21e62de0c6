package io.github.civis.client.error;

/**
 * Base of every exception the Civis client throws. Messages never contain the API key.
 */
public class CivisException extends RuntimeException {

    /**
     * Creates the exception.
     * @param message what went wrong; must not contain the API key
     */
    public CivisException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     * @param message what went wrong; must not contain the API key
     * @param cause the underlying failure, or {@code null}
     */
    public CivisException(String message, Throwable cause) {
        super(message, cause);
    }
}
