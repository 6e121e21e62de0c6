package io.github.civis.client.files;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.github.civis.client.CivisClient;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.model.File;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.testsupport.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBufferUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files go up and come back byte for byte (SHA-256) through the simulator: small ones as one
 * presigned form, large ones in parallel parts.
 */
class FileTransferRoundTripTest {

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = { 0, 1, 5 * 1024 * 1024, 60 * 1024 * 1024 })
    void roundTripsByteExact(int size, CivisClient client) throws Exception {
        Path source = TestFiles.random(directory.resolve("source.bin"), size, size);
        Path copy = directory.resolve("copy.bin");

        long id = client.fileTransfers().upload(source, "data-" + size + ".bin", UploadOptions.defaults());
        client.fileTransfers().download(id, copy);
        File metadata = client.files().get(id);

        assertThat(metadata.name()).isEqualTo("data-" + size + ".bin");
        assertThat(metadata.fileSize()).isEqualTo(size);
        assertThat(TestFiles.sha256(copy)).isEqualTo(TestFiles.sha256(source));
    }

    @Test
    void multipartUploadUsesParallelPartsAndCompletesOnce(CivisClient client, CivisSimulator simulator)
            throws Exception {
        Path source = TestFiles.random(directory.resolve("big.bin"), 60 * 1024 * 1024, 11);
        long completesBefore = simulator.storage().multipartCompletions();

        long id = client.fileTransfers().upload(source, "big.bin",
                UploadOptions.defaults().withPartSize(UploadOptions.MIN_PART_SIZE).withPartConcurrency(3));

        assertThat(simulator.storage().multipartCompletions() - completesBefore).isEqualTo(1);
        assertThat(simulator.storage().partUploads(id)).isEqualTo(12);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        client.fileTransfers().download(id, sink);
        assertThat(TestFiles.sha256(sink.toByteArray())).isEqualTo(TestFiles.sha256(source));
    }

    @Test
    void uploadsAStreamAndDownloadsIntoAStream(CivisClient client) throws Exception {
        byte[] content = new byte[700_000];
        new Random(5).nextBytes(content);

        long id;
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            id = client.fileTransfers().upload(in, "stream.bin", UploadOptions.defaults());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileTransfers().download(id, out);

        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void reactiveDownloadStreamsTheSameBytes(CivisClient client) throws Exception {
        Path source = TestFiles.random(directory.resolve("r.bin"), 3 * 1024 * 1024 + 17, 2);
        long id = client.reactiveFileTransfers().upload(source, "r.bin", UploadOptions.defaults()).block();
        Path copy = directory.resolve("r-copy.bin");

        DataBufferUtils.write(client.reactiveFileTransfers().download(id), copy).block();

        assertThat(TestFiles.sha256(copy)).isEqualTo(TestFiles.sha256(source));
    }

    @Test
    void progressReachesTheTotal(CivisClient client) throws Exception {
        Path source = TestFiles.random(directory.resolve("p.bin"), 2 * 1024 * 1024, 4);
        java.util.concurrent.atomic.AtomicLong lastDone = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.atomic.AtomicLong lastTotal = new java.util.concurrent.atomic.AtomicLong(-2);

        long id = client.fileTransfers().upload(source, "p.bin", UploadOptions.defaults().withProgress((done, total) -> {
            lastDone.set(done);
            lastTotal.set(total);
        }));
        java.util.concurrent.atomic.AtomicLong downloaded = new java.util.concurrent.atomic.AtomicLong();
        client.fileTransfers().download(id, OutputStream.nullOutputStream(), (done, total) -> downloaded.set(done));

        assertThat(lastDone.get()).isEqualTo(2 * 1024 * 1024);
        assertThat(lastTotal.get()).isEqualTo(2 * 1024 * 1024);
        assertThat(downloaded.get()).isEqualTo(2 * 1024 * 1024);
    }

    @Test
    void downloadUrlNeedsNoKey(CivisClient client) throws Exception {
        Path source = TestFiles.random(directory.resolve("u.bin"), 1000, 8);
        long id = client.fileTransfers().upload(source, "u.bin");

        java.net.URI url = client.fileTransfers().downloadUrl(id);
        java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(url).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Files.readAllBytes(source));
    }
}
