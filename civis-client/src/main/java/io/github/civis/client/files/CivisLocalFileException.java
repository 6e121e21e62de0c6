package io.github.civis.client.files;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The local side of a transfer failed: the file to upload is missing or unreadable, the stream to
 * upload could not be read, or the download target could not be written.
 */
public class CivisLocalFileException extends CivisFileTransferException {

    private final @Nullable Path path;

    /**
     * Creates the exception.
     * @param message what went wrong, naming the path or stream
     * @param path the local path concerned, or {@code null} for a stream
     * @param cause the I/O failure, or {@code null}
     */
    public CivisLocalFileException(String message, @Nullable Path path, @Nullable Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The local path concerned, or {@code null} when the source or target was a stream. */
    public @Nullable Path path() {
        return path;
    }
}
