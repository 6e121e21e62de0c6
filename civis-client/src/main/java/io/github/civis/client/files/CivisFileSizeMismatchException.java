package io.github.civis.client.files;

/**
 * A download delivered another number of bytes than the file's declared size: the content is
 * incomplete or not the file's. A download to a path leaves nothing at the target.
 */
public class CivisFileSizeMismatchException extends CivisFileTransferException {

    private final long expected;
    private final long actual;

    /**
     * Creates the exception.
     * @param fileId the file's id
     * @param expected the declared size in bytes
     * @param actual the bytes received
     */
    public CivisFileSizeMismatchException(long fileId, long expected, long actual) {
        super("Download of Civis file " + fileId + " received " + actual + " bytes, but the file's size is "
                + expected + " bytes", null);
        this.expected = expected;
        this.actual = actual;
    }

    /** The file's declared size in bytes. */
    public long expected() {
        return expected;
    }

    /** The bytes received. */
    public long actual() {
        return actual;
    }
}
