package io.github.civis.client.files;

/**
 * Told about every finished upload and download, e.g. to record metrics. Called on I/O threads;
 * must be quick and must not throw (a failure is logged and ignored).
 */
@FunctionalInterface
public interface FileTransferListener {

    /** A listener that does nothing. */
    FileTransferListener NONE = event -> {
    };

    /**
     * A transfer ended.
     * @param event what moved, how long it took and how it ended
     */
    void onTransfer(FileTransferEvent event);
}
