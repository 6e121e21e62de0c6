package io.github.civis.client.files;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.File;
import io.github.civis.client.model.FileMultipart;
import io.github.civis.client.model.FilePostResponse;
import io.github.civis.client.SimulatorFixture;
import io.github.civis.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files through the presigned-POST flow: create, upload the form, read back byte for byte.
 */
class FileUploadTest {

    @RegisterExtension
    static final SimulatorFixture civis = SimulatorFixture.create();

    @Test
    void uploadsThroughPresignedPostAndDownloadsTheSameBytes(CivisClient client) {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        // Bytes that look like a multipart delimiter must survive too.
        System.arraycopy("\r\n--boundary\r\n".getBytes(), 0, content, 1000, 14);

        FilePostResponse created = client.files().post(b -> b.name("data.bin"));
        Map<String, String> fields = new LinkedHashMap<>();
        created.uploadFields().properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        HttpResponse<String> upload = RawHttp.postForm(created.uploadUrl(), fields, content);
        File file = client.files().get(created.id());
        HttpResponse<byte[]> download = RawHttp.getBytes(file.downloadUrl());

        assertThat(created.uploadUrl()).startsWith(civis.baseUrl() + "upload/");
        assertThat(fields).containsKeys("key", "policy", "x-amz-signature");
        assertThat(upload.statusCode()).isEqualTo(204);
        assertThat(file.name()).isEqualTo("data.bin");
        assertThat(file.fileSize()).isEqualTo(content.length);
        assertThat(file.fileUrl()).isEqualTo(file.downloadUrl());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void uploadsInPartsAndJoinsThemOnComplete(CivisClient client) {
        // S3 wants at least 5 MB in every part but the last.
        byte[][] parts = { new byte[5 * 1024 * 1024], new byte[5 * 1024 * 1024], "last part".getBytes() };
        new Random(3).nextBytes(parts[0]);
        new Random(4).nextBytes(parts[1]);

        FileMultipart created = client.files().postMultipart(b -> b.name("big.bin").numParts(3L));
        for (int i = 0; i < parts.length; i++) {
            assertThat(RawHttp.put(created.uploadUrls().get(i), parts[i]).statusCode()).isEqualTo(200);
        }
        client.files().postMultipartComplete(created.id());
        File file = client.files().get(created.id());

        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            expected.writeBytes(part);
        }
        assertThat(created.uploadUrls()).hasSize(3);
        assertThat(file.fileSize()).isEqualTo(expected.size());
        assertThat(RawHttp.getBytes(file.fileUrl()).body()).isEqualTo(expected.toByteArray());
    }

    @Test
    void rejectsUploadWithWrongKeyField(CivisClient client) {
        FilePostResponse created = client.files().post(b -> b.name("x.csv"));

        HttpResponse<String> upload = RawHttp.postForm(created.uploadUrl(), Map.of("key", "files/other"),
                "a,b\n".getBytes());

        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(RawHttp.json(upload).path("errorDescription").asString()).contains("key");
    }
}
