package io.github.civis.simulator.http;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MultipartFormTest {

    @Test
    void readsFieldsAndBinaryFile() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nfiles/1/a.csv\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\na,b\r\n1,2\r\n--XyZ--\r\n";

        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=XyZ",
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(form.text("key")).isEqualTo("files/1/a.csv");
        assertThat(form.text("file")).isEqualTo("a,b\r\n1,2");
    }

    @Test
    void rejectsOtherContentTypes() {
        assertThatIllegalArgumentException().isThrownBy(() -> MultipartForm.parse("application/json", new byte[0]))
            .withMessageContaining("multipart/form-data");
    }

    @Test
    void rejectsUnterminatedBody() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> MultipartForm.parse("multipart/form-data; boundary=b",
                    "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue".getBytes(StandardCharsets.UTF_8)))
            .withMessageContaining("not terminated");
    }
}
