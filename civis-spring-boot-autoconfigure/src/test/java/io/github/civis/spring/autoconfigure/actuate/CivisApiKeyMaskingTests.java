package io.github.civis.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import io.github.civis.client.api.UsersApi;
import io.github.civis.spring.autoconfigure.CivisApiStub;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.FakeSystemEnvironment;
import io.github.civis.spring.autoconfigure.health.CivisHealthContributorAutoConfiguration;
import io.github.civis.spring.autoconfigure.health.CivisReactiveHealthContributorAutoConfiguration;
import io.github.civis.spring.autoconfigure.health.CivisReactiveHealthIndicator;

/**
 * The API key never shows: not in {@code /actuator/configprops} or {@code /actuator/env} even
 * when they show values, not in health details, logs or exception messages.
 */
@ExtendWith(OutputCaptureExtension.class)
class CivisApiKeyMaskingTests {

    private static final String SECRET = "s3cr3t-civis-key-0042";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CivisApiStub api = new CivisApiStub();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, CivisSanitizingAutoConfiguration.class,
                CivisHealthContributorAutoConfiguration.class, CivisReactiveHealthContributorAutoConfiguration.class,
                EndpointAutoConfiguration.class,
                ConfigurationPropertiesReportEndpointAutoConfiguration.class,
                EnvironmentEndpointAutoConfiguration.class))
        .withPropertyValues("civis.api-key=" + SECRET, "civis.base-url=" + this.api.baseUrl(),
                "management.endpoints.web.exposure.include=configprops,env",
                "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always");

    @AfterEach
    void stopApi() {
        this.api.close();
    }

    @Test
    void maskedInConfigprops() {
        this.contextRunner.run(context -> {
            String report = JSON.writeValueAsString(
                    context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
            assertThat(report).contains("\"apiKey\":\"******\"").contains(this.api.baseUrl()).doesNotContain(SECRET);
        });
    }

    @Test
    void maskedInEnv() {
        this.contextRunner.run(context -> {
            EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
            assertThat(JSON.writeValueAsString(endpoint.environment(null))).contains("civis.api-key")
                .doesNotContain(SECRET);
            assertThat(JSON.writeValueAsString(endpoint.environmentEntry("civis.api-key"))).doesNotContain(SECRET);
        });
    }

    @Test
    void environmentVariableMaskedInEnv() {
        this.contextRunner
            .withInitializer(FakeSystemEnvironment.of(Map.of("CIVIS_API_KEY", SECRET + "-env")))
            .run(context -> assertThat(
                    JSON.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null)))
                .contains("CIVIS_API_KEY")
                .doesNotContain(SECRET));
    }

    @Test
    void anyValueThatContainsTheKeyIsMaskedWhateverItsName() {
        // As when the key is given on the command line: the JVM reports the whole command line.
        this.contextRunner
            .withSystemProperties("sun.java.command=app.jar --civis.api-key=" + SECRET, "civis.api-key=" + SECRET)
            .withInitializer(context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new SimpleCommandLinePropertySource("--civis.api-key=" + SECRET)))
            .withUserConfiguration(LaunchPropertiesConfiguration.class)
            .withPropertyValues("test.launch.line=java -jar app.jar --civis.api-key=" + SECRET)
            .run(context -> {
                String env = JSON.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
                String configprops = JSON.writeValueAsString(
                        context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
                assertThat(env).contains("sun.java.command").contains("test.launch.line").doesNotContain(SECRET);
                assertThat(configprops).contains("\"line\":\"******\"").doesNotContain(SECRET);
                assertThat(JSON.writeValueAsString(
                        context.getBean(EnvironmentEndpoint.class).environmentEntry("sun.java.command")))
                    .doesNotContain(SECRET);
            });
    }

    @Test
    void valuesWithoutTheKeyStayVisible() {
        this.contextRunner.withUserConfiguration(LaunchPropertiesConfiguration.class)
            .withPropertyValues("test.launch.line=java -jar app.jar --server.port=8080")
            .run(context -> assertThat(JSON.writeValueAsString(
                    context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()))
                .contains("java -jar app.jar --server.port=8080"));
    }

    @Test
    void absentFromHealthLogsAndExceptions(CapturedOutput output) {
        this.api.answerWith(401);
        this.contextRunner.withPropertyValues("logging.level.io.github.civis=trace").run(context -> {
            Health health = context.getBean(CivisReactiveHealthIndicator.class).health().block(Duration.ofSeconds(30));
            assertThat(JSON.writeValueAsString(health.getDetails())).doesNotContain(SECRET);
            Throwable failure = catchThrowable(() -> context.getBean(UsersApi.class).getMe());
            assertThat(failure).isNotNull();
            for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
                assertThat(String.valueOf(ex.getMessage())).doesNotContain(SECRET);
            }
            assertThat(context.getBean(io.github.civis.spring.autoconfigure.CivisConnectionDetails.class).toString())
                .doesNotContain(SECRET);
        });
        assertThat(output).doesNotContain(SECRET);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LaunchProperties.class)
    static class LaunchPropertiesConfiguration {

    }

    /** An application's own properties, one of which happens to hold the key. */
    @ConfigurationProperties("test.launch")
    static class LaunchProperties {

        private String line = "";

        public String getLine() {
            return this.line;
        }

        public void setLine(String line) {
            this.line = line;
        }

    }

}
