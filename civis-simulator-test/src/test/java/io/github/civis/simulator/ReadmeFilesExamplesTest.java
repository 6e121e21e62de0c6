package io.github.civis.simulator;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBufferUtils;

import io.github.civis.client.CivisClient;
import io.github.civis.client.files.TransferProgressListener;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.model.File;
import io.github.civis.simulator.junit.CivisSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Files" examples of the README, run against the simulator so that they stay true.
 */
class ReadmeFilesExamplesTest {

    private static final Log log = LogFactory.getLog(ReadmeFilesExamplesTest.class);

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create();

    @TempDir
    Path directory;

    @Test
    void uploadAndDownload(CivisClient client) throws Exception {
        Path report = Files.writeString(directory.resolve("report.csv"), "a,b\n1,2\n");
        Path copy = directory.resolve("copy.csv");
        // README: files
        long id = client.fileTransfers().upload(report, "report.csv", UploadOptions.defaults()
                .withExpiry(Duration.ofDays(7))                       // default: the platform's 30 days
                .withPartConcurrency(4)                               // parts in flight for files > 50 MB
                .withProgress(TransferProgressListener.throttled(Duration.ofSeconds(1),
                        (done, total) -> log.info("uploaded " + done + " of " + total + " bytes"))));

        File metadata = client.files().get(id);                       // the files API group, beside
        client.fileTransfers().download(id, copy);                    // temp file, checked, then moved into place
        client.fileTransfers().download(id, OutputStream.nullOutputStream()); // or into any stream
        URI link = client.fileTransfers().downloadUrl(id);            // presigned: no API key needed
        // README: end

        // README: files reactive
        Path target = directory.resolve("reactive.csv");
        DataBufferUtils.write(client.reactiveFileTransfers().download(id), target).block(); // Flux<DataBuffer>, constant memory
        // README: end

        assertThat(metadata.fileSize()).isEqualTo(8);
        assertThat(copy).hasSameBinaryContentAs(report);
        assertThat(target).hasSameBinaryContentAs(report);
        assertThat(link.toString()).startsWith(civis.baseUrl());
    }
}
