package io.github.civis.client.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an upload holds in memory while the storage is slower than the disk: the bytes read from
 * the file but not yet taken by the connection. The progress listener is told about each chunk
 * as it is read, so its count minus what the storage received is that memory.
 */
class UploadReadAheadTest {

    private static final long FILE_SIZE = 40L * 1024 * 1024;

    /**
     * What an upload may read ahead of a storage that takes nothing: a few MB (what the
     * connection queues, and what the socket buffers of both ends take), not the file.
     */
    private static final long READ_AHEAD_LIMIT = 8_000_000;

    @TempDir
    Path directory;

    @Test
    void anUploadToAStorageThatStopsReadingReadsOnlyAFewMegabytesOfTheFileAhead() throws Exception {
        Path source = directory.resolve("big.bin");
        try (FileChannel file = FileChannel.open(source, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            file.truncate(FILE_SIZE);
            file.write(java.nio.ByteBuffer.wrap(new byte[] { 1 }), FILE_SIZE - 1);
        }
        AtomicLong read = new AtomicLong();
        try (StalledStorage storage = new StalledStorage();
                ScriptedHttpServer api = ScriptedHttpServer.http((request, out) -> ScriptedHttpServer.json(out,
                        "{\"id\":1,\"name\":\"big.bin\",\"uploadUrl\":\"" + storage.url()
                                + "\",\"uploadFields\":{\"key\":\"files/1\"}}"));
                CivisClient client = CivisClient.builder().baseUrl(api.url("/")).apiKey(TestSupport.SECRET_KEY)
                    .build()) {
            // Below the multipart threshold: one form POST, one request body.
            Disposable upload = client.reactiveFileTransfers()
                .upload(source, "big.bin", UploadOptions.defaults().withProgress((sent, total) -> read.set(sent)))
                .subscribe(id -> { }, failure -> { });
            try {
                long settled = awaitSettled(read);

                assertThat(settled).as("bytes of the file read while the storage took none")
                    .isGreaterThan(0)
                    .isLessThan(READ_AHEAD_LIMIT);
            }
            finally {
                upload.dispose();
            }
        }
    }

    /** The count once it stopped moving for a second (at most 30 s of waiting). */
    private static long awaitSettled(AtomicLong count) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 60; i++) {
            Thread.sleep(500);
            long now = count.get();
            if (now > 0 && now == last) {
                Thread.sleep(500);
                if (count.get() == now) {
                    return now;
                }
            }
            last = count.get();
        }
        return count.get();
    }

    /**
     * A storage that reads a request's head and then nothing more, with a small receive buffer,
     * until it is closed.
     */
    private static final class StalledStorage implements AutoCloseable {

        private final ServerSocket socket;

        private final CopyOnWriteArrayList<Socket> connections = new CopyOnWriteArrayList<>();

        StalledStorage() throws IOException {
            socket = new ServerSocket();
            socket.setReceiveBufferSize(64 * 1024);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Thread acceptor = new Thread(this::accept, "stalled-storage");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/upload/1";
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.add(connection);
                    InputStream in = connection.getInputStream();
                    for (int i = 0; i < 200; i++) {
                        String line = ScriptedHttpServer.line(in);
                        if (line == null || line.isEmpty()) {
                            break;
                        }
                    }
                }
                catch (IOException ex) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : connections) {
                connection.close();
            }
        }
    }
}
