package io.github.civis.client.internal.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Writes a download's pieces into a file, off the event loops, in batches. */
final class DownloadWriter {

    private static final Log logger = LogFactory.getLog(DownloadWriter.class);

    /** Bytes of a download handed to the writer of a file at once. */
    private static final int FILE_BATCH = 1024 * 1024;

    /** Batches queued between the connection and the writer of a file. */
    private static final int FILE_PREFETCH = 4;

    private DownloadWriter() {
    }

    /**
     * Writes the content into a file on a worker thread, never an event loop (a write may block
     * on the disk). The connection's pieces are handed to the writer in batches of about
     * {@link #FILE_BATCH} bytes, at most {@link #FILE_PREFETCH} batches ahead, so the network
     * reads on while the writer writes, and a waking of the writer thread is paid per batch, not
     * per piece (nor per write and completion, as {@code DataBufferUtils.write} to an
     * {@code AsynchronousFileChannel} does, which asks for the next buffer only after each write).
     */
    static Mono<Void> writeTo(Flux<DataBuffer> content, Path file) {
        return Mono.using(() -> FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                channel -> batches(content)
                        .publishOn(Schedulers.boundedElastic(), FILE_PREFETCH)
                        .doOnNext(batch -> {
                            try {
                                for (DataBuffer buffer : batch) {
                                    try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
                                        while (chunks.hasNext()) {
                                            ByteBuffer chunk = chunks.next();
                                            while (chunk.hasRemaining()) {
                                                channel.write(chunk);
                                            }
                                        }
                                    }
                                }
                            }
                            catch (IOException ex) {
                                throw new UncheckedIOException(ex);
                            }
                            finally {
                                batch.forEach(DataBufferUtils::release);
                            }
                        })
                        // Buffers and batches still queued when the download stops are released here.
                        .doOnDiscard(Object.class, DownloadWriter::releaseDiscarded)
                        .onErrorMap(UncheckedIOException.class, UncheckedIOException::getCause)
                        .then(),
                DownloadWriter::closeQuietly);
    }

    /** The pieces in lists of about {@link #FILE_BATCH} bytes; the last list holds what is left. */
    private static Flux<List<DataBuffer>> batches(Flux<DataBuffer> content) {
        return Flux.defer(() -> {
            long[] pending = { 0 };
            return content.bufferUntil(buffer -> {
                pending[0] += buffer.readableByteCount();
                if (pending[0] < FILE_BATCH) {
                    return false;
                }
                pending[0] = 0;
                return true;
            });
        });
    }

    private static void releaseDiscarded(Object discarded) {
        if (discarded instanceof DataBuffer buffer) {
            DataBufferUtils.release(buffer);
        }
        else if (discarded instanceof java.util.Collection<?> batch) {
            batch.forEach(DownloadWriter::releaseDiscarded);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        }
        catch (IOException ex) {
            logger.debug("Could not close a download's file: " + ex);
        }
    }
}
