package io.github.civis.client.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.files.ScriptedHttpServer.Request;
import io.github.civis.client.retry.CivisRetryPolicy;

import static io.github.civis.client.files.ScriptedHttpServer.chunk;
import static io.github.civis.client.files.ScriptedHttpServer.head;
import static io.github.civis.client.files.ScriptedHttpServer.lastChunk;
import static io.github.civis.client.files.ScriptedHttpServer.rangeStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A download is whole only when the storage said so: its {@code Content-Length} reached, the
 * last chunk of a chunked body received, or the file's known size reached. A body cut by a closed
 * connection is resumed with {@code Range} or ends in an error, in every download form; never
 * returned as if it were the file.
 */
class StorageDownloadCompletenessTest {

    private static final int SIZE = 1_000_000;

    private static final int HALF = SIZE / 2;

    private static final byte[] CONTENT = content();

    @TempDir
    Path directory;

    private ScriptedHttpServer server;

    private CivisClient client;

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void bodyOfUnknownSizeEndedByAClosedConnectionIsAnErrorInEveryForm() throws Exception {
        // No size anywhere, and every answer is the first half, then the connection closes.
        start(false, (request, out) -> {
            head(out, 200, "Content-Type: application/octet-stream");
            out.write(CONTENT, 0, HALF);
        });

        Path target = directory.resolve("copy.bin");
        assertThatExceptionOfType(CivisTransportException.class)
            .isThrownBy(() -> client.fileTransfers().download(1, target))
            .withMessageContaining("storage URL")
            .withMessageContaining("closed");
        assertThat(target).doesNotExist();
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        assertThatExceptionOfType(CivisTransportException.class)
            .isThrownBy(() -> client.fileTransfers().download(1, streamed));
        assertThatExceptionOfType(CivisTransportException.class)
            .isThrownBy(() -> DataBufferUtils.join(client.reactiveFileTransfers().download(1)).map(DataBuffer::readableByteCount)
                .block());
    }

    @Test
    void bodyOfUnknownSizeCutByAClosedConnectionIsResumedWithRange() throws Exception {
        start(false, (request, out) -> {
            int from = rangeStart(request);
            if (from == 0) {
                head(out, 200, "Content-Type: application/octet-stream");
                out.write(CONTENT, 0, HALF);
            }
            else {
                head(out, 206, "Content-Length: " + (SIZE - from),
                        "Content-Range: bytes " + from + "-" + (SIZE - 1) + "/" + SIZE);
                out.write(CONTENT, from, SIZE - from);
            }
        });

        Path target = directory.resolve("copy.bin");
        client.fileTransfers().download(1, target);

        assertWhole(Files.readAllBytes(target));
        assertThat(server.requests("/download")).extracting(request -> request.header("Range"))
            .containsExactly(null, "bytes=" + HALF + "-");
    }

    @Test
    void chunkedBodyCutBeforeItsLastChunkIsResumedWithRange() throws Exception {
        start(false, (request, out) -> {
            int from = rangeStart(request);
            head(out, (from == 0) ? 200 : 206, "Transfer-Encoding: chunked");
            int end = (from == 0) ? HALF : SIZE;
            for (int at = from; at < end; at += 64 * 1024) {
                chunk(out, CONTENT, at, Math.min(end, at + 64 * 1024));
            }
            if (from > 0) {
                lastChunk(out);
            }
        });

        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        client.fileTransfers().download(1, streamed);

        assertWhole(streamed.toByteArray());
        assertThat(server.requests("/download")).hasSize(2);
    }

    @Test
    void bodyWithoutLengthIsWholeWhenTheStorageConfirmsItsSize() throws Exception {
        start(false, (request, out) -> {
            int from = rangeStart(request);
            if (from == 0) {
                head(out, 200, "Content-Type: application/octet-stream");
                out.write(CONTENT);
            }
            else {
                // What a storage answers to a range past the end: the size it has.
                head(out, 416, "Content-Range: bytes */" + SIZE, "Content-Length: 0");
            }
        });

        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        client.fileTransfers().download(1, streamed);

        assertWhole(streamed.toByteArray());
    }

    @Test
    void bodyWithoutLengthIsWholeWhenItHasTheFilesKnownSize() throws Exception {
        start(true, (request, out) -> {
            head(out, 200, "Content-Type: application/octet-stream");
            out.write(CONTENT);
        });

        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        client.fileTransfers().download(1, streamed);

        assertWhole(streamed.toByteArray());
        assertThat(server.requests("/download")).hasSize(1);
    }

    @Test
    void everyDownloadFormRecoversWhenStorageDropsMidBodyAndThenIgnoresRange() throws Exception {
        // Each download's first request is cut halfway; the resumed one gets the whole file again.
        start(true, (request, out) -> {
            head(out, 200, "Content-Length: " + SIZE);
            out.write(CONTENT, 0, (request.header("Range") == null) ? HALF : SIZE);
        });

        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        client.fileTransfers().download(1, streamed);
        Path target = directory.resolve("copy.bin");
        client.fileTransfers().download(1, target);
        byte[] joined = DataBufferUtils.join(client.reactiveFileTransfers().download(1)).map(buffer -> {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            DataBufferUtils.release(buffer);
            return bytes;
        }).block();

        assertWhole(streamed.toByteArray());
        assertWhole(Files.readAllBytes(target));
        assertWhole(joined);
        assertThat(server.requests("/download")).extracting(request -> request.header("Range"))
            .containsExactly(null, "bytes=" + HALF + "-", null, "bytes=" + HALF + "-", null, "bytes=" + HALF + "-");
    }

    /** Serves {@code GET /files/1} (with or without its size) and hands storage requests to {@code storage}. */
    private void start(boolean sizeKnown, ScriptedHttpServer.Handler storage) throws IOException {
        server = ScriptedHttpServer.http((request, out) -> {
            if (request.target().startsWith("/download")) {
                storage.answer(request, out);
                return;
            }
            answerMetadata(request, out, sizeKnown);
        });
        RecordingSleeper sleeper = new RecordingSleeper();
        CivisClient.Builder builder = CivisClient.builder();
        builder.hooks(hooks -> hooks.withEnvironment(name -> null).withSleeper(sleeper)
                .withClock(sleeper.clock()));
        client = builder.baseUrl(server.url("/"))
            .apiKey(TestSupport.SECRET_KEY)
            .retryPolicy(CivisRetryPolicy.builder().maxAttempts(3).jitter(() -> 1.0).build())
            .build();
    }

    private void answerMetadata(Request request, OutputStream out, boolean sizeKnown) throws IOException {
        assertThat(request.target()).isEqualTo("/files/1");
        ScriptedHttpServer.json(out, "{\"id\":1,\"name\":\"f.bin\"," + (sizeKnown ? "\"fileSize\":" + SIZE + "," : "")
                + "\"fileUrl\":\"" + server.url("/download/1?signature=s3cr3t") + "\"}");
    }

    /** The file's bytes, exactly (compared without printing a megabyte on failure). */
    private static void assertWhole(byte[] received) {
        assertThat(received).as("bytes received").isNotNull();
        assertThat(received.length).as("bytes received").isEqualTo(SIZE);
        assertThat(Arrays.mismatch(received, CONTENT)).as("first byte that differs").isEqualTo(-1);
    }

    private static byte[] content() {
        byte[] bytes = new byte[SIZE];
        new Random(21).nextBytes(bytes);
        return bytes;
    }
}
