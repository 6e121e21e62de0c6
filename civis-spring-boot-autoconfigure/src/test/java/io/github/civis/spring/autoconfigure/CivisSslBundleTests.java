package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.UsersApi;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.error.CivisTransportException;

/**
 * {@code civis.ssl.bundle} against a real TLS server on 127.0.0.1 whose self-signed
 * certificate, made for this test run, is trusted only through the bundle.
 */
class CivisSslBundleTests {

    private static final String PASSWORD = "test-only-password";

    @TempDir
    static Path directory;

    private static Path keyStore;

    private static Path certificate;

    private MockWebServer server;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keyStore = directory.resolve("server.p12");
        certificate = directory.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass",
                PASSWORD, "-file", certificate.toString());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @BeforeEach
    void startServer() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        this.server = new MockWebServer();
        this.server.useHttps(context.getSocketFactory());
        this.server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() {
        this.server.close();
    }

    private ApplicationContextRunner contextRunner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, WebClientAutoConfiguration.class,
                    SslAutoConfiguration.class))
            .withPropertyValues("civis.api-key=test-key", "civis.base-url=https://127.0.0.1:" + this.server.getPort() + "/",
                    "civis.retry.max-attempts=1",
                    "spring.ssl.bundle.pem.civis-test.truststore.certificate=file:" + certificate);
    }

    private void answerMe() {
        this.server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
            .body("{\"id\":1,\"username\":\"alice\"}")
            .build());
    }

    @Test
    void callSucceedsWhenTheBundleTrustsTheServer() {
        answerMe();
        contextRunner().withPropertyValues("civis.ssl.bundle=civis-test").run(context -> {
            assertThat(context.getBean(UsersApi.class).getMe().username()).isEqualTo("alice");
            assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getHandshake()).isNotNull();
        });
    }

    @Test
    void fileDownloadFromStorageBehindTheSameAuthoritySucceedsWithTheBundle() {
        String storageUrl = "https://127.0.0.1:" + this.server.getPort() + "/download/1?signature=s3cr3t";
        this.server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
            .body("{\"id\":1,\"name\":\"f.csv\",\"fileSize\":5,\"fileUrl\":\"" + storageUrl + "\"}")
            .build());
        this.server.enqueue(new MockResponse.Builder().body("a,b\n1").build());
        contextRunner().withPropertyValues("civis.ssl.bundle=civis-test").run(context -> {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            context.getBean(CivisClient.class).fileTransfers().download(1, content);
            assertThat(content.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\n1");
            assertThat(this.server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/files/1");
            RecordedRequest storage = this.server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(storage.getTarget()).startsWith("/download/1");
            assertThat(storage.getHandshake()).isNotNull();
            assertThat(storage.getHeaders().get("Authorization")).isNull();
        });
    }

    @Test
    void callFailsWithoutTheBundle() {
        answerMe();
        contextRunner().run(context -> assertThatThrownBy(() -> context.getBean(UsersApi.class).getMe())
            .isInstanceOf(CivisTransportException.class)
            .hasStackTraceContaining("SSL"));
    }

    @Test
    void theClientKeepsItsOwnResponseTimeoutWithTheBundle() {
        this.server.enqueue(new MockResponse.Builder().body("{}").headersDelay(10, TimeUnit.SECONDS).build());
        contextRunner().withPropertyValues("civis.ssl.bundle=civis-test", "civis.response-timeout=300ms")
            .run(context -> assertThatThrownBy(() -> context.getBean(UsersApi.class).getMe())
                .isInstanceOfSatisfying(CivisTimeoutException.class,
                        ex -> assertThat(ex.phase()).isEqualTo(CivisTimeoutException.Phase.RESPONSE)));
    }


}
