package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.civis.client.api.ReactiveCredentialsApi;
import io.github.civis.client.api.UsersApi;
import io.github.civis.spring.autoconfigure.health.CivisReactiveHealthIndicator;

/**
 * A whole application with every auto-configuration on the class path, as a user gets it: the
 * registration files are found and the civis health component shows in the health endpoint.
 */
class CivisApplicationTests {

    @Test
    void autoConfiguredApplication() {
        try (CivisApiStub api = new CivisApiStub(); ConfigurableApplicationContext context = run(api)) {
            assertThat(context.getBean(UsersApi.class).getMe().username()).isEqualTo(CivisApiStub.USERNAME);
            assertThat(context.getBeansOfType(ReactiveCredentialsApi.class)).containsOnlyKeys("reactiveCredentialsApi");
            // Reactor comes with the client, so the reactive indicator is the one; the health
            // endpoint of a non-reactive application adapts it.
            assertThat(context.getBean("civisHealthContributor")).isInstanceOf(CivisReactiveHealthIndicator.class);
            String health = JsonMapper.builder()
                .build()
                .writeValueAsString(context.getBean(HealthEndpoint.class).healthForPath("civis"));
            assertThat(health).contains("\"status\":\"UP\"").contains(CivisApiStub.USERNAME);
            Map<String, Object> info = context.getBean(InfoEndpoint.class).info();
            assertThat(info).containsKey("civis");
        }
    }

    private static ConfigurableApplicationContext run(CivisApiStub api) {
        SpringApplication application = new SpringApplication(CivisApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run("--civis.api-key=test-key", "--civis.base-url=" + api.baseUrl(),
                "--management.endpoint.health.show-details=always",
                "--management.endpoints.web.exposure.include=health,info", "--spring.main.banner-mode=off");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class CivisApplication {

    }

}
