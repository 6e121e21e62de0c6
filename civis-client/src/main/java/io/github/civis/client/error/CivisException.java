package io.github.civis.client.error;

/**
 * Base of every exception the Civis client throws. Messages never contain the API key.
 */
public class CivisException extends RuntimeException {

    public CivisException(String message) {
        super(message);
    }

    public CivisException(String message, Throwable cause) {
        super(message, cause);
    }
}
