package io.github.civis.spring.autoconfigure.drift;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.civis.catalog.surface.ApiSurface;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift check's beans: on by default, off by property or without {@code civis-catalog}, the
 * user's own monitor wins, and a refresh period that cannot work stops start-up naming it.
 */
class CivisDriftAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, CivisDriftAutoConfiguration.class,
                CivisEndpointAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key", "civis.base-url=http://127.0.0.1:9/",
                "management.endpoints.web.exposure.include=civis");

    @Test
    void onByDefaultWithoutCallingAnythingBeforeTheApplicationIsReady() {
        this.contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CivisDriftMonitor.class).hasSingleBean(CivisUsedOperations.class)
                .hasSingleBean(CivisEndpoint.class);
            assertThat(context.getBean(CivisDriftMonitor.class).result()).isNull();
            assertThat(context.getBean(CivisEndpoint.class).civis().get("drift"))
                .isEqualTo(java.util.Map.of("status", "pending"));
        });
    }

    @Test
    void offByProperty() {
        this.contextRunner.withPropertyValues("civis.drift.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(CivisDriftMonitor.class).doesNotHaveBean(CivisUsedOperations.class);
            assertThat(context).hasSingleBean(CivisEndpoint.class);
        });
    }

    @Test
    void offWithoutTheCatalog() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(ApiSurface.class))
            .run(context -> assertThat(context).doesNotHaveBean(CivisDriftMonitor.class)
                .doesNotHaveBean(CivisEndpoint.class));
    }

    @Test
    void aRefreshThatIsNotPositiveStopsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.drift.refresh=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("civis.drift.refresh");
        });
    }

    @Test
    void theBaseUrlIsShownWithoutUserInfo() {
        assertThat(CivisEndpoint.withoutUserInfo(URI.create("https://me:secret@api.example.com/v1/")))
            .isEqualTo("https://api.example.com/v1/");
        assertThat(CivisEndpoint.withoutUserInfo(URI.create("https://api.example.com/")))
            .isEqualTo("https://api.example.com/");
    }

}
