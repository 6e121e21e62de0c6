package io.github.civis.client.files;

/**
 * A part of a multipart upload failed for good (its retries were used up or the failure was not
 * retryable). The upload was not completed: no file with partial content was created.
 */
public class CivisFilePartException extends CivisFileTransferException {

    private final long fileId;
    private final int partNumber;
    private final int partCount;

    /**
     * Creates the exception.
     * @param name the name of the file being uploaded
     * @param fileId the id of the unfinished file
     * @param partNumber the failed part, from 1
     * @param partCount the number of parts
     * @param cause the part's last failure
     */
    public CivisFilePartException(String name, long fileId, int partNumber, int partCount, Throwable cause) {
        super("Upload of '" + name + "' (file " + fileId + ") failed: part " + partNumber + " of " + partCount
                + " could not be uploaded, so the upload was not completed: " + cause.getMessage(), cause);
        this.fileId = fileId;
        this.partNumber = partNumber;
        this.partCount = partCount;
    }

    /** The id of the file whose upload was abandoned. */
    public long fileId() {
        return fileId;
    }

    /** The part that failed, from 1. */
    public int partNumber() {
        return partNumber;
    }

    /** The number of parts of the upload. */
    public int partCount() {
        return partCount;
    }
}
