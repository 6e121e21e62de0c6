package io.github.civis.client.files;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.transport.ProxyProvider;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.files.ScriptedHttpServer.Request;
import io.github.civis.client.retry.CivisRetryPolicy;

import static io.github.civis.client.files.ScriptedHttpServer.head;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * File transfers go over the connection the client is configured with, as API calls do: the
 * proxy and the TLS trust set with {@code httpClientCustomizer} apply to the storage URLs too,
 * and the storage still never sees the API key.
 */
class StorageConnectionTest {

    private static final String PASSWORD = "test-only-password";

    private static final byte[] CONTENT = content();

    @TempDir
    static Path keys;

    @TempDir
    Path directory;

    private static Path keyStore;

    private static Path certificate;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = keys.resolve("server.p12");
        certificate = keys.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass",
                PASSWORD, "-file", certificate.toString());
    }

    @Test
    void proxySetWithTheCustomizerCarriesUploadsAndDownloads() throws Exception {
        try (ScriptedHttpServer storage = ScriptedHttpServer.http(StorageConnectionTest::storage);
                ScriptedHttpServer api = ScriptedHttpServer.http((request, out) -> api(request, out, storage));
                RecordingConnectProxy proxy = new RecordingConnectProxy();
                CivisClient client = builder(api).httpClientCustomizer(http -> http.proxy(spec -> spec
                    .type(ProxyProvider.Proxy.HTTP).host("127.0.0.1").port(proxy.port()))).build()) {
            Path source = Files.write(directory.resolve("up.bin"), CONTENT);

            long id = client.fileTransfers().upload(source, "up.bin");
            ByteArrayOutputStream downloaded = new ByteArrayOutputStream();
            client.fileTransfers().download(id, downloaded);

            assertThat(Arrays.mismatch(downloaded.toByteArray(), CONTENT)).as("first byte that differs").isEqualTo(-1);
            assertThat(proxy.targets()).as("tunnels the proxy was asked for")
                .contains("127.0.0.1:" + api.port(), "127.0.0.1:" + storage.port());
            assertThat(storage.requests()).extracting(Request::method).containsExactly("POST", "GET");
            assertThat(storage.requests()).allSatisfy(request -> {
                assertThat(request.headers()).doesNotContainKey("authorization");
                assertThat(request.headers().values()).noneMatch(value -> value.contains(TestSupport.SECRET_KEY));
            });
        }
    }

    @Test
    void storageBehindAPrivateCertificateAuthorityIsTrustedAsTheApiIs() throws Exception {
        SslContext trust = SslContextBuilder.forClient().trustManager(certificate.toFile()).build();
        try (ScriptedHttpServer storage = ScriptedHttpServer.https(serverContext(), StorageConnectionTest::storage);
                ScriptedHttpServer api = ScriptedHttpServer.https(serverContext(),
                        (request, out) -> api(request, out, storage));
                CivisClient client = builder(api).httpClientCustomizer(http -> http.secure(spec -> spec.sslContext(trust)))
                    .build()) {
            Path target = directory.resolve("copy.bin");

            client.fileTransfers().download(1, target);

            assertThat(Arrays.mismatch(Files.readAllBytes(target), CONTENT)).as("first byte that differs").isEqualTo(-1);
            assertThat(storage.requests()).singleElement()
                .satisfies(request -> assertThat(request.headers()).doesNotContainKey("authorization"));
        }
    }

    private static CivisClient.Builder builder(ScriptedHttpServer api) {
        CivisClient.Builder builder = CivisClient.builder();
        RecordingSleeper sleeper = new RecordingSleeper();
        builder.hooks(hooks -> hooks.withEnvironment(name -> null).withSleeper(sleeper)
                .withClock(sleeper.clock()));
        return builder.baseUrl(api.url("/")).apiKey(TestSupport.SECRET_KEY)
            .retryPolicy(CivisRetryPolicy.builder().maxAttempts(2).build());
    }

    /** The files API: a presigned form for an upload, a file's metadata pointing at the storage. */
    private static void api(Request request, OutputStream out, ScriptedHttpServer storage) throws java.io.IOException {
        if (request.method().equals("POST")) {
            ScriptedHttpServer.json(out, "{\"id\":1,\"name\":\"up.bin\",\"uploadUrl\":\"" + storage.url("/upload/1")
                    + "\",\"uploadFields\":{\"key\":\"files/1\"}}");
            return;
        }
        ScriptedHttpServer.json(out, "{\"id\":1,\"name\":\"up.bin\",\"fileSize\":" + CONTENT.length + ",\"fileUrl\":\""
                + storage.url("/download/1?signature=s3cr3t") + "\"}");
    }

    private static void storage(Request request, OutputStream out) throws java.io.IOException {
        if (request.method().equals("POST")) {
            head(out, 204);
            return;
        }
        head(out, 200, "Content-Length: " + CONTENT.length);
        out.write(CONTENT);
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static byte[] content() {
        byte[] bytes = new byte[300_000];
        new Random(9).nextBytes(bytes);
        return bytes;
    }
}
