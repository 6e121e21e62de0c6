package io.github.civis.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.github.civis.client.CivisClient;
import io.github.civis.testsupport.TestFiles;
import io.github.civis.testsupport.ManualClock;
import io.github.civis.simulator.junit.CivisSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's storage URLs: presigned links that expire, ranges for resumed downloads, and
 * contents kept on disk only while the simulator runs.
 */
class StorageRoutesTest {

    private static final ManualClock clock = new ManualClock();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final CivisSimulatorExtension civis = CivisSimulatorExtension.create(builder -> builder.clock(clock));

    @TempDir
    Path directory;

    @Test
    void downloadUrlsExpireAfterThirtyMinutes(CivisClient client) throws Exception {
        long id = client.fileTransfers().upload(TestFiles.random(directory.resolve("a.bin"), 100, 41), "a.bin");
        URI url = client.fileTransfers().downloadUrl(id);

        int fresh = get(url, null).statusCode();
        clock.advance(Duration.ofMinutes(31));
        HttpResponse<byte[]> expired = get(url, null);

        assertThat(fresh).isEqualTo(200);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body())).contains("expired");
        assertThat(get(client.fileTransfers().downloadUrl(id), null).statusCode()).as("a new link works").isEqualTo(200);
    }

    @Test
    void rangeRequestsGetTheRestOfTheFile(CivisClient client) throws Exception {
        Path source = TestFiles.random(directory.resolve("b.bin"), 1000, 42);
        long id = client.fileTransfers().upload(source, "b.bin");

        HttpResponse<byte[]> rest = get(client.fileTransfers().downloadUrl(id), "bytes=600-");

        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes 600-999/1000");
        assertThat(rest.body()).isEqualTo(java.util.Arrays.copyOfRange(java.nio.file.Files.readAllBytes(source), 600,
                1000));
    }

    @Test
    void contentsLiveOnDiskUntilTheSimulatorStops() throws Exception {
        CivisSimulator simulator = CivisSimulator.builder().apiKey("storage-test-key").build().start();
        Path stored;
        try (CivisClient client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey(simulator.apiKey())
            .build()) {
            long id = client.fileTransfers().upload(TestFiles.random(directory.resolve("c.bin"), 5000, 43), "c.bin");
            stored = simulator.storage().contentFile(id).orElseThrow();
            assertThat(stored).exists().hasSize(5000);
        }
        finally {
            simulator.stop();
        }
        assertThat(stored).doesNotExist();
        assertThat(stored.getParent()).doesNotExist();
    }

    private static HttpResponse<byte[]> get(URI url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
