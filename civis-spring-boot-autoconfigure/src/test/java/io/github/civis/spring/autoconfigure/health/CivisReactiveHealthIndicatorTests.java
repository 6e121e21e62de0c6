package io.github.civis.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import io.github.civis.spring.autoconfigure.CivisApiStub;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;

/**
 * Tests for {@link CivisReactiveHealthContributorAutoConfiguration} and the reactive
 * {@link CivisReactiveHealthIndicator}: chosen whenever Reactor is on the class path, as it is
 * with the client, in a reactive web application and in any other.
 */
class CivisReactiveHealthIndicatorTests {

    private final CivisApiStub api = new CivisApiStub();

    private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class,
                CivisHealthContributorAutoConfiguration.class, CivisReactiveHealthContributorAutoConfiguration.class))
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
            assertThat(context.getBean("civisHealthContributor")).isInstanceOf(CivisReactiveHealthIndicator.class);
        });
    }

    @Test
    void reactiveIndicatorWhenReactorIsPresentInAnyApplication() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class,
                    CivisHealthContributorAutoConfiguration.class, CivisReactiveHealthContributorAutoConfiguration.class))
            .withPropertyValues("civis.api-key=test-key", "civis.base-url=" + this.api.baseUrl())
            .run(context -> {
                assertThat(context).hasSingleBean(CivisReactiveHealthIndicator.class);
                assertThat(context).doesNotHaveBean(CivisHealthIndicator.class);
                assertThat(context).hasSingleBean(CivisHealthCheck.class);
            });
    }

    @Test
    void userIndicatorWins() {
        this.contextRunner
            .withBean("civisHealthIndicator", ReactiveHealthIndicator.class, () -> () -> Mono.just(Health.up().build()))
            .run(context -> assertThat(context).doesNotHaveBean(CivisReactiveHealthIndicator.class)
                .doesNotHaveBean(CivisHealthIndicator.class));
    }

    @Test
    void bothAutoConfigurationsAreRegistered() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
            .contains(CivisReactiveHealthContributorAutoConfiguration.class.getName(),
                    CivisHealthContributorAutoConfiguration.class.getName());
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
    void downOnNotFoundPointsAtTheBaseUrlProperty() {
        this.api.answerWith(404);
        this.contextRunner.run(context -> StepVerifier
            .create(context.getBean(CivisReactiveHealthIndicator.class).health())
            .assertNext(health -> {
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsEntry("reason", "error")
                    .containsEntry("message", "the API answered HTTP 404 to GET /users/me: check civis.base-url, "
                            + "which must be the API's root, such as https://api.civisanalytics.com/");
            })
            .verifyComplete());
    }

    @Test
    void disabledByPropertyTurnsBothOff() {
        this.contextRunner.withPropertyValues("management.health.civis.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(CivisReactiveHealthIndicator.class);
            assertThat(context).doesNotHaveBean(CivisHealthIndicator.class);
            assertThat(context).doesNotHaveBean(CivisHealthCheck.class);
            assertThat(context).hasBean("reactiveCredentialsApi");
        });
    }

}
