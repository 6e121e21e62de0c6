package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.UsersApi;
import io.github.civis.client.internal.transport.DefaultCivisTransport;

/**
 * {@code civis.transport=blocking-io}: blocking calls on the calling thread, and the
 * combinations it cannot honour refused at start-up in the property's own terms.
 */
class CivisBlockingIoTransportTests {

    private final CivisApiStub api = new CivisApiStub();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, WebClientAutoConfiguration.class))
        .withPropertyValues("civis.api-key=test-key", "civis.base-url=" + this.api.baseUrl(),
                "civis.transport=blocking-io");

    @AfterEach
    void stop() {
        this.api.close();
    }

    @Test
    void blockingCallsOfTheGroupBeansGoOverBlockingSockets() {
        this.contextRunner.run(context -> {
            CivisClient client = context.getBean(CivisClient.class);
            assertThat(((DefaultCivisTransport) client.transport()).usesBlockingIo()).isTrue();
            assertThat(context.getBean(UsersApi.class).getMe().username()).isEqualTo(CivisApiStub.USERNAME);
            assertThat(this.api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer test-key");
        });
    }

    @Test
    void byDefaultTheClientDoesNotUseBlockingIo() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, WebClientAutoConfiguration.class))
            .withPropertyValues("civis.api-key=test-key", "civis.base-url=" + this.api.baseUrl())
            .run(context -> assertThat(((DefaultCivisTransport) context.getBean(CivisClient.class).transport())
                .usesBlockingIo()).isFalse());
    }

    @Test
    void anSslBundleThatOnlyReactorNettyWouldApplyIsRefusedNamingBothProperties() {
        this.contextRunner.withPropertyValues("civis.ssl.bundle=corporate")
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("civis.transport=blocking-io cannot use civis.ssl.bundle"));
    }

    @Test
    void withoutApacheHttpClientTheStartSaysWhichDependencyToAdd() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("org.apache.hc.client5"))
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .hasMessageContaining("add the dependency org.apache.httpcomponents.client5:httpclient5"));
    }
}
