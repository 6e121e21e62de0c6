package io.github.civis.client.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisNotFoundException;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.files.CivisFileExpiredException;
import io.github.civis.client.files.CivisLocalFileException;
import io.github.civis.client.files.TransferProgressListener;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.files.FileTransferFaultsTest.NoWait;
import io.github.civis.testsupport.TestFiles;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.client.SimulatorFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad input and failed downloads end in typed errors that name the problem, and a failed
 * download leaves nothing half-written at the target.
 */
class FileTransferErrorsTest {

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create();

    @TempDir
    Path directory;

    @Test
    void missingLocalFileIsNamed(CivisClient client) {
        Path missing = directory.resolve("no-such.csv");

        assertThatExceptionOfType(CivisLocalFileException.class)
            .isThrownBy(() -> client.fileTransfers().upload(missing, "x.csv"))
            .withMessageContaining(missing.toString())
            .withMessageContaining("no such file")
            .satisfies(failure -> assertThat(failure.path()).isEqualTo(missing));
    }

    @Test
    void unreadableStreamIsNamed(CivisClient client) {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        };

        assertThatExceptionOfType(CivisLocalFileException.class)
            .isThrownBy(() -> client.fileTransfers().upload(broken, "x.csv", UploadOptions.defaults()))
            .withMessageContaining("'x.csv'")
            .withMessageContaining("reading the stream failed")
            .withMessageContaining("disk on fire");
    }

    @Test
    void unknownFileIdIsNotFoundAndLeavesNoFile(CivisClient client) throws Exception {
        Path target = directory.resolve("out.bin");

        assertThatExceptionOfType(CivisNotFoundException.class)
            .isThrownBy(() -> client.fileTransfers().download(987_654_321L, target))
            .withMessageContaining("/files/987654321");
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void expiredFileIsATypedError(CivisClient client) {
        long id = client.files().post(b -> b.name("old.csv").expiresAt("2020-01-01T00:00:00Z")).id();

        assertThatExceptionOfType(CivisFileExpiredException.class)
            .isThrownBy(() -> client.fileTransfers().download(id, directory.resolve("old.csv")))
            .withMessageContaining("Civis file " + id)
            .withMessageContaining("expired")
            .satisfies(failure -> assertThat(failure.fileId()).isEqualTo(id));
        assertThatExceptionOfType(CivisFileExpiredException.class).isThrownBy(() -> client.fileTransfers().downloadUrl(id));
    }

    @Test
    void failedDownloadLeavesTheTargetAsItWas() throws Exception {
        Path source = TestFiles.random(directory.resolve("f.bin"), 1024 * 1024, 31);
        Path target = Files.writeString(directory.resolve("existing.bin"), "the old content");
        try (CivisClient client = CivisClient.builder().hooks(hooks -> hooks.withSleeper(new NoWait()))
            .baseUrl(civis.baseUrl())
            .apiKey(civis.apiKey())
            .retryPolicy(CivisRetryPolicy.builder().maxAttempts(2).build())
            .build()) {
            long id = client.fileTransfers().upload(source, "f.bin");
            civis.simulator().faults().add(FaultRule.dropConnection().on("GET", "/download/{token}"));
            try {
                assertThatExceptionOfType(CivisTransportException.class)
                    .isThrownBy(() -> client.fileTransfers().download(id, target))
                    .withMessageContaining("storage URL")
                    .withMessageContaining("gave up after 2 attempts");
                assertThatExceptionOfType(CivisTransportException.class)
                    .isThrownBy(() -> client.fileTransfers().download(id, directory.resolve("new.bin")));
                // What is on disk at the very moment the error reaches the subscriber.
                AtomicReference<List<Path>> atError = new AtomicReference<>();
                client.reactiveFileTransfers().download(id, directory.resolve("reactive.bin"), TransferProgressListener.NONE)
                    .onErrorResume(CivisTransportException.class, failure -> {
                        atError.set(leftovers().toList());
                        return Mono.empty();
                    })
                    .block();
                assertThat(atError.get()).as(".part files when the error arrived").isNotNull().isEmpty();
            }
            finally {
                civis.simulator().faults().clear();
            }
        }

        assertThat(target).hasContent("the old content");
        assertThat(directory.resolve("new.bin")).doesNotExist();
        assertThat(directory.resolve("reactive.bin")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void missingTargetDirectoryIsNamed(CivisClient client) throws Exception {
        long id = client.fileTransfers().upload(TestFiles.random(directory.resolve("g.bin"), 10, 32), "g.bin");
        Path target = directory.resolve("no-such-dir").resolve("g.bin");

        assertThatExceptionOfType(CivisLocalFileException.class)
            .isThrownBy(() -> client.fileTransfers().download(id, target))
            .withMessageContaining("no-such-dir")
            .withMessageContaining("does not exist");
    }

    private Stream<Path> leftovers() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".part")).toList().stream();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
