package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.civis.client.api.UsersApi;
import io.github.civis.client.error.CivisAuthenticationException;

/**
 * A rejected key inside a Spring application is explained in the application's terms.
 */
class CivisAuthenticationMessageTests {

    private static final String KEY = "rejected-key-0815";

    private final CivisApiStub api = new CivisApiStub().answerWith(401);

    @AfterEach
    void stop() {
        this.api.close();
    }

    @Test
    void theMessageNamesThePropertyInOneSentence() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, WebClientAutoConfiguration.class))
            .withPropertyValues("civis.api-key=" + KEY, "civis.base-url=" + this.api.baseUrl())
            .run(context -> assertThatThrownBy(() -> context.getBean(UsersApi.class).getMe())
                .isInstanceOfSatisfying(CivisAuthenticationException.class, ex -> {
                    String message = ex.getMessage();
                    assertThat(message).contains("civis.api-key")
                        .contains("CIVIS_API_KEY")
                        .doesNotContain("CivisClient.builder()")
                        .doesNotContain(KEY)
                        .doesNotContain("..")
                        .endsWith(".");
                    assertThat(message.substring(0, message.length() - 1)).as("one sentence").doesNotContain(". ");
                }));
    }

}
