package io.github.civis.client.files;

/**
 * A Civis file has no download URL any more: it expired (files expire 30 days after upload unless
 * told otherwise) and its content is gone.
 */
public class CivisFileExpiredException extends CivisFileTransferException {

    private final long fileId;

    /**
     * Creates the exception.
     * @param fileId the file's id
     */
    public CivisFileExpiredException(long fileId) {
        super("Civis file " + fileId + " has no download URL: it has expired and its content is no longer "
                + "available", null);
        this.fileId = fileId;
    }

    /** The file's id. */
    public long fileId() {
        return fileId;
    }
}
