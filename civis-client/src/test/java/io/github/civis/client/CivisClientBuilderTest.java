package io.github.civis.client;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.civis.client.error.CivisConfigurationException;

import static io.github.civis.client.TestSupport.SECRET_KEY;
import static io.github.civis.client.TestSupport.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CivisClientBuilderTest {

    @Test
    void defaultsToTheCivisEndpointAndTheKeyFromTheEnvironment() {
        try (CivisClient client = CivisClient.builder().hooks(hooks -> hooks.withEnvironment(environment("CIVIS_API_KEY", SECRET_KEY))).build()) {
            assertThat(client.baseUrl()).isEqualTo(URI.create("https://api.civisanalytics.com/"));
            assertThat(client.userAgent()).startsWith("civis-java/").contains(" Java/");
            assertThat(client.transport()).isNotNull();
        }
    }

    @Test
    void honoursCivisApiEndpoint() {
        try (CivisClient client = CivisClient.builder().hooks(hooks -> hooks.withEnvironment(environment("CIVIS_API_KEY", SECRET_KEY, "CIVIS_API_ENDPOINT", "http://localhost:8080/civis")))
                .build()) {
            assertThat(client.baseUrl()).isEqualTo(URI.create("http://localhost:8080/civis/"));
        }
    }

    @Test
    void explicitSettingsWinOverTheEnvironment() {
        try (CivisClient client = CivisClient.builder().hooks(hooks -> hooks.withEnvironment(environment("CIVIS_API_KEY", "from-env", "CIVIS_API_ENDPOINT", "http://env.example/")))
                .baseUrl("https://explicit.example/")
                .apiKey(SECRET_KEY)
                .build()) {
            assertThat(client.baseUrl()).isEqualTo(URI.create("https://explicit.example/"));
        }
    }

    @Test
    void missingKeyNamesTheSettingAndTheEnvironmentVariable() {
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).build())
                .isInstanceOfSatisfying(CivisConfigurationException.class, ex -> {
                    assertThat(ex.setting()).isEqualTo("apiKey");
                    assertThat(ex.environmentVariable()).isEqualTo("CIVIS_API_KEY");
                    assertThat(ex.getMessage()).contains("apiKey").contains("CIVIS_API_KEY");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "\t" })
    void blankKeyIsRejected(String key) {
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(key).build())
                .isInstanceOfSatisfying(CivisConfigurationException.class,
                        ex -> assertThat(ex.getMessage()).startsWith("apiKey is empty"));
    }

    @Test
    void blankKeyInTheEnvironmentIsRejected() {
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(environment("CIVIS_API_KEY", " "))).build())
                .isInstanceOf(CivisConfigurationException.class)
                .hasMessageContaining("apiKey is empty")
                .hasMessageContaining("CIVIS_API_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = { "api.civisanalytics.com", "ftp://api.civisanalytics.com/", "https://", "http://exa mple/",
            "/relative/path", "https://host/?q=1" })
    void malformedBaseUrlNamesTheSetting(String url) {
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(SECRET_KEY).baseUrl(url).build())
                .isInstanceOfSatisfying(CivisConfigurationException.class, ex -> {
                    assertThat(ex.setting()).isEqualTo("baseUrl");
                    assertThat(ex.getMessage()).startsWith("baseUrl must be an absolute http or https URL")
                            .contains("builder().baseUrl")
                            .doesNotContain(SECRET_KEY);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://user:pw-0042-secret@127.0.0.1:8080/", "https://pw-0042-secret@api.example.com/",
            "https://user:pw-0042-secret@exa mple/",
            "user:pw-0042-secret@api.example.com" })
    void userInformationInTheBaseUrlIsRefusedWithoutShowingIt(String url) {
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(SECRET_KEY)
                .baseUrl(url).build())
                .isInstanceOfSatisfying(CivisConfigurationException.class, ex -> {
                    assertThat(ex.setting()).isEqualTo("baseUrl");
                    assertThat(ex.getMessage()).contains("builder().baseUrl").doesNotContain("pw-0042-secret");
                    assertThat(ex.action()).doesNotContain("pw-0042-secret");
                });
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(SECRET_KEY)
                .baseUrl("http://user:pw-0042-secret@127.0.0.1:8080/").build())
                .hasMessageContaining("user information")
                .hasMessageContaining("http://127.0.0.1:8080/");
    }

    @Test
    void userInformationInTheEndpointFromTheEnvironmentIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(environment("CIVIS_API_KEY",
                SECRET_KEY, "CIVIS_API_ENDPOINT", "https://user:pw-0042-secret@api.example.com/"))).build())
                .isInstanceOf(CivisConfigurationException.class)
                .hasMessageContaining("CIVIS_API_ENDPOINT")
                .hasMessageContaining("user information")
                .hasMessageNotContaining("pw-0042-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = { "api.civisanalytics.com", "127.0.0.1:9099", "localhost:8080/" })
    void aBaseUrlWithoutSchemeSaysToAddHttps(String url) {
        String withScheme = "https://" + url + (url.endsWith("/") ? "" : "/");
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(SECRET_KEY).baseUrl(url).build())
                .isInstanceOfSatisfying(CivisConfigurationException.class, ex -> assertThat(ex.getMessage())
                        .isEqualTo("baseUrl must be an absolute http or https URL, but '" + url + "' has no scheme: add "
                                + "https:// in front (" + withScheme + "), or http:// for a local simulator; it was set "
                                + "with CivisClient.builder().baseUrl(...)"));
    }

    @Test
    void malformedEndpointFromTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> CivisClient.builder().hooks(hooks -> hooks.withEnvironment(environment("CIVIS_API_KEY", SECRET_KEY, "CIVIS_API_ENDPOINT", "not a url")))
                .build())
                .isInstanceOf(CivisConfigurationException.class)
                .hasMessageContaining("baseUrl")
                .hasMessageContaining("CIVIS_API_ENDPOINT");
    }

    @Test
    void toStringHidesTheKey() {
        try (CivisClient client = CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(SECRET_KEY).build()) {
            assertThat(client.toString()).contains("api.civisanalytics.com").doesNotContain(SECRET_KEY);
            assertThat(client.transport().toString()).doesNotContain(SECRET_KEY);
        }
    }

    @Test
    void nonPositiveTimeoutsAreRejected() {
        assertThatThrownBy(() -> CivisClient.builder().responseTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("responseTimeout");
        assertThatThrownBy(() -> CivisClient.builder().connectTimeout(java.time.Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectTimeout");
    }

    @Test
    void aGivenWebClientBuilderKeepsItsCustomizations() throws Exception {
        var webClientBuilder = org.springframework.web.reactive.function.client.WebClient.builder()
                .defaultHeader("X-Custom", "kept");
        try (mockwebserver3.MockWebServer server = TestSupport.startServer();
                CivisClient client = CivisClient.builder().hooks(hooks -> hooks.withEnvironment(name -> null)).apiKey(SECRET_KEY)
                        .baseUrl(server.url("/").toString())
                        .webClientBuilder(webClientBuilder)
                        .build()) {
            server.enqueue(TestSupport.json(200, "{}"));
            client.transport().call(TestSupport.GET_CREDENTIAL,
                    io.github.civis.client.transport.CallArguments.path(1), TestSupport.BODY);
            var request = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(request.getHeaders().get("X-Custom")).isEqualTo("kept");
        }
    }
}
