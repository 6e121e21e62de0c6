package io.github.civis.client.error;

/**
 * The thread waiting in a blocking call was interrupted. The wait stopped (and with it the
 * request or transfer it waited for, where it could be stopped), and the thread's interrupt flag
 * is set again, so that code further up still sees the interruption. What the platform had
 * already been asked to do may still happen: the message says what was under way.
 */
public class CivisInterruptedException extends CivisException {

    /**
     * Creates the exception.
     * @param message what was under way when the thread was interrupted
     * @param cause the interruption
     */
    public CivisInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
