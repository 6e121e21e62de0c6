package io.github.civis.simulator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import io.github.civis.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form uploads leave nothing behind in the system's temporary directory: the simulator runs in
 * a process whose temporary directory is the test's own, so that other programs on the machine
 * cannot disturb the count.
 */
class FormUploadTemporaryFilesTest {

    @Test
    void formUploadsLeaveNoDirectoryInTheSystemTemporaryDirectory(@TempDir Path temporary) throws Exception {
        try (ForkedSimulator simulator = ForkedSimulator.start(List.of("-Djava.io.tmpdir=" + temporary),
                "--api-key", "k")) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> created = RawHttp.send("POST", simulator.baseUrl() + "files", RawHttp.bearer("k"),
                        "{\"name\":\"form-" + i + ".txt\"}");
                JsonNode file = RawHttp.json(created);
                Map<String, String> fields = new LinkedHashMap<>();
                file.path("uploadFields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
                // Larger than what a form keeps in memory, so that the file field is spooled to disk.
                byte[] content = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);

                assertThat(RawHttp.postForm(file.path("uploadUrl").asString(), fields, content).statusCode())
                    .isEqualTo(204);
            }

            assertThat(names(temporary)).as("the temporary directory after three form uploads")
                .noneMatch(name -> name.startsWith("RN_form_"))
                .allMatch(name -> name.startsWith("civis-simulator-"));
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
