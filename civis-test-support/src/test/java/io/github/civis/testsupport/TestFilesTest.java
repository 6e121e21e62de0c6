package io.github.civis.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TestFilesTest {

    @Test
    void theSameSeedMakesTheSameBytesAndTheDigestOfTheFileIsTheDigestOfItsBytes(@TempDir Path dir) throws Exception {
        Path a = TestFiles.random(dir.resolve("a.bin"), 200_000, 7);
        Path b = TestFiles.random(dir.resolve("b.bin"), 200_000, 7);
        Path c = TestFiles.random(dir.resolve("c.bin"), 200_000, 8);

        assertThat(Files.size(a)).isEqualTo(200_000);
        assertThat(TestFiles.sha256(a)).isEqualTo(TestFiles.sha256(b)).isEqualTo(TestFiles.sha256(Files.readAllBytes(a)));
        assertThat(TestFiles.sha256(c)).isNotEqualTo(TestFiles.sha256(a));
        assertThat(TestFiles.sha256(new byte[0]))
            .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
