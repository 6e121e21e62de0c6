package io.github.civis.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import io.github.civis.spring.autoconfigure.CivisApiStub;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

/**
 * Tests for the reactive {@link CivisReactiveHealthIndicator} in a reactive web application.
 */
class CivisReactiveHealthIndicatorTests {

    private final CivisApiStub api = new CivisApiStub();

    private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(CivisAutoConfiguration.class, CivisHealthContributorAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key", "civis.base-url=" + this.api.baseUrl());

    @AfterEach
    void stopApi() {
        this.api.close();
    }

    @Test
    void reactiveIndicatorNamedCivis() {
        this.contextRunner.run(context -> {
            assertThat(context).hasSingleBean(CivisReactiveHealthIndicator.class);
            assertThat(context).doesNotHaveBean(CivisHealthIndicator.class);
            assertThat(context.getBean("civisHealthIndicator")).isInstanceOf(CivisReactiveHealthIndicator.class);
        });
    }

    @Test
    void upWithDetailsWithoutBlocking() {
        this.contextRunner.run(context -> StepVerifier
            .create(context.getBean(CivisReactiveHealthIndicator.class).health())
            .assertNext(health -> {
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("user", CivisApiStub.USERNAME);
            })
            .verifyComplete());
    }

    @Test
    void downWithReasonOnBadKey() {
        this.api.answerWith(401);
        this.contextRunner.run(context -> StepVerifier
            .create(context.getBean(CivisReactiveHealthIndicator.class).health())
            .assertNext(health -> {
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("reason", "bad key");
            })
            .verifyComplete());
    }

    @Test
    void disabledByProperty() {
        this.contextRunner.withPropertyValues("management.health.civis.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean("civisHealthIndicator"));
    }

}
