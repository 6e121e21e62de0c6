package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.civis.client.api.UsersApi;

/**
 * The application may turn on WebClient's request-details logging and every HTTP logger; the
 * client's own exchanges still never log the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class CivisRequestLoggingTests {

    private static final String KEY = "s3cr3t-key-never-logged-4711";

    private static final String[] LOGGERS = { "org.springframework.web.reactive.function.client",
            "org.springframework.http", "reactor.netty" };

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    private final CivisApiStub api = new CivisApiStub();

    @BeforeEach
    void traceEverything() {
        for (String logger : LOGGERS) {
            this.logging.setLogLevel(logger, LogLevel.TRACE);
        }
    }

    @AfterEach
    void restore() {
        for (String logger : LOGGERS) {
            this.logging.setLogLevel(logger, null);
        }
        this.api.close();
    }

    @Test
    void theKeyIsNotLoggedWithRequestDetailsAtTrace(CapturedOutput output) {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, WebClientAutoConfiguration.class,
                    CodecsAutoConfiguration.class))
            .withPropertyValues("civis.transport=web-client", // WebClient's own request-details logging
                    "civis.api-key=" + KEY, "civis.base-url=" + this.api.baseUrl(),
                    "spring.http.codecs.log-request-details=true")
            .run(context -> {
                assertThat(context.getBean(UsersApi.class).getMe().username()).isEqualTo(CivisApiStub.USERNAME);
                assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
            });
        // the exchange was logged in detail, only never with the key
        assertThat(output).contains("HTTP GET").contains("/users/me");
        assertThat(output).doesNotContain(KEY);
    }

}
