package io.github.civis.client.files;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisServerException;
import io.github.civis.client.files.CivisFilePartException;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.files.UploadOptions;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.internal.retry.Sleeper;
import io.github.civis.testsupport.TestFiles;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.simulator.state.StoredFiles.StorageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Transfers under faults that hit the storage URLs alone: they still complete byte for byte, a
 * part that fails for good fails the upload without completing it, and the storage never sees
 * the API key.
 */
class FileTransferFaultsTest {

    private static final int MB = 1024 * 1024;

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create(builder -> builder.faultSeed(14));

    @TempDir
    Path directory;

    private CivisClient client;

    @BeforeEach
    void clientThatRetriesWithoutWaiting() {
        client = CivisClient.builder().hooks(hooks -> hooks.withSleeper(new NoWait())).baseUrl(civis.baseUrl()).apiKey(civis.apiKey())
            .fileTransfers(FileTransferSettings.defaults().withMultipartThreshold(5 * MB))
            .build();
    }

    @AfterEach
    void cleanUp() {
        client.close();
        civis.simulator().faults().clear();
    }

    @Test
    void multipartUploadSurvives503OnAFifthOfPartUploads() throws Exception {
        Path source = TestFiles.random(directory.resolve("big.bin"), 60 * MB, 21);
        civis.simulator().faults().add(FaultRule.status(503).rate(0.2).on("PUT", "/upload/{token}/parts/{part}"));
        long faultsBefore = civis.simulator().stats().faults(FaultRule.Kind.STATUS);

        long id = client.fileTransfers().upload(source, "big.bin", UploadOptions.defaults().withPartSize(5 * MB));
        civis.simulator().faults().clear();
        Path copy = directory.resolve("copy.bin");
        client.fileTransfers().download(id, copy);

        long faultsAfter = civis.simulator().stats().faults(FaultRule.Kind.STATUS);
        assertThat(faultsAfter - faultsBefore).as("503s answered to part uploads").isPositive();
        assertThat(TestFiles.sha256(copy)).isEqualTo(TestFiles.sha256(source));
    }

    @Test
    void downloadResumesAfterTheConnectionDropsMidBody() throws Exception {
        Path source = TestFiles.random(directory.resolve("f.bin"), 5 * MB + 123, 22);
        long id = client.fileTransfers().upload(source, "f.bin");
        civis.simulator().faults().add(FaultRule.dropConnection().times(1).on("GET", "/download/{token}"));
        int downloadsBefore = downloads();

        Path copy = directory.resolve("copy.bin");
        client.fileTransfers().download(id, copy);
        civis.simulator().faults().add(FaultRule.dropConnection().times(1).on("GET", "/download/{token}"));
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        client.fileTransfers().download(id, streamed);

        assertThat(downloads() - downloadsBefore).as("storage GETs: each download dropped once, then resumed")
            .isEqualTo(4);
        assertThat(TestFiles.sha256(copy)).isEqualTo(TestFiles.sha256(source));
        assertThat(TestFiles.sha256(streamed.toByteArray())).isEqualTo(TestFiles.sha256(source));
        assertThat(civis.simulator().storage().requests()).filteredOn(r -> r.route().equals("/download/{token}"))
            .last().satisfies(resumed -> assertThat(resumed.headers().get("range")).matches("bytes=\\d+-"));
    }

    @Test
    void partFailingForGoodFailsTheUploadNamingThePartAndNeverCompletes() throws Exception {
        Path source = TestFiles.random(directory.resolve("big.bin"), 16 * MB, 23);
        civis.simulator().faults().add(FaultRule.status(500).on("PUT", "/upload/{token}/parts/3"));
        long completionsBefore = civis.simulator().storage().multipartCompletions();

        assertThatExceptionOfType(CivisFilePartException.class)
            .isThrownBy(() -> client.fileTransfers().upload(source, "big.bin", UploadOptions.defaults().withPartSize(5 * MB)))
            .satisfies(failure -> {
                assertThat(failure.partNumber()).isEqualTo(3);
                assertThat(failure.partCount()).isEqualTo(4);
                assertThat(failure.getMessage()).contains("part 3 of 4", "big.bin", "not completed");
                assertThat(failure.getCause()).isInstanceOf(CivisServerException.class);
            });
        assertThat(civis.simulator().storage().multipartCompletions()).isEqualTo(completionsBefore);
    }

    @Test
    void partStillFailingAfterItsRetriesFailsTheUpload() throws Exception {
        Path source = TestFiles.random(directory.resolve("big.bin"), 16 * MB, 24);
        civis.simulator().faults().add(FaultRule.status(503).on("PUT", "/upload/{token}/parts/4"));
        long completionsBefore = civis.simulator().storage().multipartCompletions();
        CivisClient fewRetries = CivisClient.builder().hooks(hooks -> hooks.withSleeper(new NoWait())).baseUrl(civis.baseUrl()).apiKey(civis.apiKey())
            .retryPolicy(CivisRetryPolicy.builder().maxAttempts(3).build())
            .fileTransfers(FileTransferSettings.defaults().withMultipartThreshold(5 * MB))
            .build();

        try (fewRetries) {
            assertThatExceptionOfType(CivisFilePartException.class)
                .isThrownBy(() -> fewRetries.fileTransfers().upload(source, "big.bin",
                        UploadOptions.defaults().withPartSize(5 * MB)))
                .satisfies(failure -> {
                    assertThat(failure.partNumber()).isEqualTo(4);
                    assertThat(failure.getMessage()).contains("part 4 of 4", "gave up after 3 attempts");
                });
        }
        assertThat(civis.simulator().storage().multipartCompletions()).isEqualTo(completionsBefore);
    }

    @Test
    void storageUrlsNeverSeeTheApiKey() throws Exception {
        Path small = TestFiles.random(directory.resolve("small.bin"), 1000, 25);
        Path big = TestFiles.random(directory.resolve("big.bin"), 11 * MB, 26);
        int before = civis.simulator().storage().requests().size();

        long formId = client.fileTransfers().upload(small, "small.bin");
        long multipartId = client.fileTransfers().upload(big, "big.bin", UploadOptions.defaults().withPartSize(5 * MB));
        client.fileTransfers().download(formId, directory.resolve("a"));
        client.fileTransfers().download(multipartId, directory.resolve("b"));

        java.util.List<StorageRequest> seen = civis.simulator().storage().requests();
        java.util.List<StorageRequest> ours = seen.subList(before, seen.size());
        assertThat(ours).extracting(StorageRequest::route)
            .contains("/upload/{token}", "/upload/{token}/parts/{part}", "/download/{token}");
        assertThat(ours).allSatisfy(request -> {
            assertThat(request.headers()).doesNotContainKey("authorization");
            assertThat(request.headers().values()).noneMatch(value -> value.contains(civis.apiKey()));
        });
    }

    private int downloads() {
        return (int) civis.simulator().storage().requests().stream()
            .filter(request -> request.route().equals("/download/{token}"))
            .count();
    }

    /** Retries at once, so that fault tests take no waiting time. */
    static final class NoWait implements Sleeper {

        @Override
        public void sleep(Duration duration) {
        }

        @Override
        public Mono<Void> delay(Duration duration) {
            return Mono.empty();
        }
    }
}
