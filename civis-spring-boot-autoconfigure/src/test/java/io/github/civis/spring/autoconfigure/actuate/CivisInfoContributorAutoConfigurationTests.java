package io.github.civis.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

/**
 * Tests for {@link CivisInfoContributorAutoConfiguration}.
 */
class CivisInfoContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(CivisAutoConfiguration.class, CivisInfoContributorAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key", "civis.base-url=https://civis.example.com/");

    @Test
    void contributesClientVersionAndBaseUrl() {
        this.contextRunner.run(context -> {
            Info.Builder builder = new Info.Builder();
            context.getBean(CivisInfoContributor.class).contribute(builder);
            @SuppressWarnings("unchecked")
            Map<String, Object> civis = (Map<String, Object>) builder.build().getDetails().get("civis");
            assertThat(civis).containsEntry("baseUrl", "https://civis.example.com/").containsKey("clientVersion");
            assertThat(civis.toString()).doesNotContain("test-key");
        });
    }

    @Test
    void absentWithoutActuator() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CivisInfoContributor.class));
    }

    @Test
    void disabledByProperty() {
        this.contextRunner.withPropertyValues("management.info.civis.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(CivisInfoContributor.class));
    }

}
