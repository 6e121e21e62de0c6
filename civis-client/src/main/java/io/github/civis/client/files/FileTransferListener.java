package io.github.civis.client.files;

import java.util.List;

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

    /**
     * A listener that tells each of the given ones, in order.
     * @param listeners the listeners
     * @return the combined listener ({@link #NONE} for none, the listener itself for one)
     */
    static FileTransferListener composite(List<? extends FileTransferListener> listeners) {
        List<FileTransferListener> copy = List.copyOf(listeners);
        return switch (copy.size()) {
            case 0 -> NONE;
            case 1 -> copy.get(0);
            default -> event -> copy.forEach(listener -> listener.onTransfer(event));
        };
    }
}
