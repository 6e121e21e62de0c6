package io.github.civis.client.files;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.error.CivisException;

/**
 * An upload or download of a Civis file failed. Subclasses name the common causes; the message
 * always names the file or local path concerned, never a presigned URL's signature or the API key.
 */
public class CivisFileTransferException extends CivisException {

    /**
     * Creates the exception.
     * @param message what went wrong
     * @param cause the underlying failure, or {@code null}
     */
    public CivisFileTransferException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
