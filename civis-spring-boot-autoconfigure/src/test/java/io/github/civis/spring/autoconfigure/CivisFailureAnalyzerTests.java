package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * Tests for {@link CivisFailureAnalyzer} and the startup report of bad configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class CivisFailureAnalyzerTests {

    private static final String SECRET = "s3cr3t-civis-key-0042";

    private final CivisFailureAnalyzer analyzer = new CivisFailureAnalyzer();

    @Test
    void missingKeyNamesThePropertyAndTheEnvironmentVariable() {
        FailureAnalysis analysis = this.analyzer
            .analyze(new BeanCreationException("civisClient", "failed", new CivisApiKeyMissingException()));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("civis.api-key").contains("CIVIS_API_KEY");
        assertThat(analysis.getAction())
            .startsWith("Set the property civis.api-key (or the environment variable CIVIS_API_KEY)");
    }

    @Test
    void unusableBaseUrlNamesThePropertyAndTheEnvironmentVariable() {
        FailureAnalysis analysis = this.analyzer
            .analyze(new CivisBaseUrlException("ftp://api.example.com/", "it must start with https://"));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("civis.base-url").contains("ftp://api.example.com/");
        assertThat(analysis.getAction()).contains("civis.base-url").contains("CIVIS_API_ENDPOINT");
    }

    @Test
    void applicationWithoutKeyFailsToStartWithAnAction(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Description:")
            .contains("Action:")
            .contains("Set the property civis.api-key (or the environment variable CIVIS_API_KEY)");
    }

    @Test
    void applicationWithUnusableBaseUrlFailsToStartWithAnAction(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--civis.api-key=" + SECRET, "--civis.base-url=api.example.com"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("civis.base-url")
            .contains("CIVIS_API_ENDPOINT")
            .doesNotContain(SECRET);
    }

    @Test
    void applicationWithUserInformationInTheBaseUrlFailsToStartWithoutShowingIt(CapturedOutput output) {
        // The client never sends user information, and health, info and env would print it.
        assertThatException().isThrownBy(
                () -> run("--civis.api-key=" + SECRET, "--civis.base-url=http://user:pw-0042-secret@127.0.0.1:8089/"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("civis.base-url")
            .contains("user information")
            .contains("http://127.0.0.1:8089/")
            .doesNotContain("pw-0042-secret")
            .doesNotContain(SECRET);
    }

    @Test
    void anUnparseableBaseUrlWithUserInformationIsReportedWithoutIt(CapturedOutput output) {
        assertThatException().isThrownBy(
                () -> run("--civis.api-key=" + SECRET, "--civis.base-url=http://user:pw-0042-secret@exa mple/"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("civis.base-url")
            .doesNotContain("pw-0042-secret");
    }

    @Test
    void aBaseUrlWithoutSchemeSaysToAddHttps(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--civis.api-key=" + SECRET, "--civis.base-url=127.0.0.1:9099"));
        assertThat(output).contains("The Civis base URL '127.0.0.1:9099' (property civis.base-url) cannot be used: "
                + "it has no scheme; add https:// in front (https://127.0.0.1:9099/), or http:// for a local simulator.")
            .doesNotContain("Illegal character");
        assertThat(CivisFailureAnalyzerTests.baseUrlProblem("api.civisanalytics.com"))
            .contains("add https:// in front (https://api.civisanalytics.com/)");
    }

    private static String baseUrlProblem(String baseUrl) {
        try {
            CivisClientFactory.checkedBaseUrl(baseUrl);
            return "";
        }
        catch (CivisBaseUrlException ex) {
            return ex.getMessage();
        }
    }

    @Test
    void applicationWithZeroTimeoutFailsToStartNamingTheProperty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--civis.api-key=" + SECRET, "--civis.connect-timeout=0s"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("civis.connect-timeout")
            .doesNotContain(SECRET);
    }

    @Test
    void applicationWithUnknownRetrySettingFailsToStartNamingIt(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--civis.api-key=" + SECRET, "--civis.retry.foo=1"));
        assertThat(output).contains("APPLICATION FAILED TO START").contains("civis.retry.foo").doesNotContain(SECRET);
    }

    @Test
    void applicationWithMisspeltKeyFailsToStartSuggestingTheKnownOne(CapturedOutput output) {
        assertThatException()
            .isThrownBy(() -> run("--civis.api-key=" + SECRET, "--civis.base-ulr=http://127.0.0.1:8089/"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("civis.base-ulr")
            .contains("did you mean civis.base-url?")
            .doesNotContain(SECRET);
    }

    @Test
    void applicationWithTwoMisspeltKeysFailsOnceNamingBothWithTheirSuggestions(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--civis.api-key=" + SECRET, "--civis.retry.max-atempts=3",
                "--civis.file.multipart-threshold=64MB"));
        assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
            .contains("civis.retry.max-atempts: did you mean civis.retry.max-attempts?")
            .contains("civis.file.multipart-threshold: did you mean civis.files.multipart-threshold?")
            .contains("Rename civis.retry.max-atempts to civis.retry.max-attempts, or remove it.")
            .contains("Rename civis.file.multipart-threshold to civis.files.multipart-threshold, or remove it.")
            .doesNotContain(SECRET);
    }

    @Test
    void knownKeysInAnySpellingAndKeysOfOtherModulesStartCleanly() {
        // civis.testing.* is declared by a properties bean of the application's, standing for another module's
        run(CivisApplicationWithOtherModule.class, "--civis.api-key=" + SECRET,
                "--civis.baseUrl=http://127.0.0.1:8089/", "--civis.connectTimeout=5s",
                "--civis.retry.retryable-methods[0]=GET", "--civis.testing.extra-setting=on");
    }

    @Test
    void anotherModulesKeysDoNotHideAMisspeltOne(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run(CivisApplicationWithOtherModule.class, "--civis.api-key=" + SECRET,
                "--civis.testing.extra-setting=on", "--civis.base-ulr=http://127.0.0.1:8089/"));
        assertThat(output).contains("The property civis.base-ulr is set but no Civis module knows it: "
                + "did you mean civis.base-url?").doesNotContain("civis.testing.extra-setting is set");
    }

    private static void run(String... args) {
        run(CivisApplication.class, args);
    }

    private static void run(Class<?> applicationClass, String... args) {
        SpringApplication application = new SpringApplication(applicationClass);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CivisAutoConfiguration.class)
    static class CivisApplication {

    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CivisAutoConfiguration.class)
    @EnableConfigurationProperties(OtherModuleProperties.class)
    static class CivisApplicationWithOtherModule {

    }

    /** Stands for the {@code civis.*} settings of a module other than the starter. */
    @ConfigurationProperties("civis.testing")
    static class OtherModuleProperties {

        private String extraSetting = "off";

        public String getExtraSetting() {
            return this.extraSetting;
        }

        public void setExtraSetting(String extraSetting) {
            this.extraSetting = extraSetting;
        }

    }

}
