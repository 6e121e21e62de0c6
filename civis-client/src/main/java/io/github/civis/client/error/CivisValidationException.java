package io.github.civis.client.error;

/**
 * A call was refused before anything was sent, because an argument is missing or invalid.
 */
public class CivisValidationException extends CivisException {

    /**
     * Creates the exception.
     * @param message which argument is missing or invalid, naming the method
     */
    public CivisValidationException(String message) {
        super(message);
    }
}
