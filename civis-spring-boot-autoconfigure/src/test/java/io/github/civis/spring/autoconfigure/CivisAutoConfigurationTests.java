package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.ApiGroup;
import io.github.civis.client.api.CivisApiGroups;
import io.github.civis.client.api.CredentialsApi;
import io.github.civis.client.api.ReactiveCredentialsApi;
import io.github.civis.client.api.UsersApi;

/**
 * Tests for {@link CivisAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CivisAutoConfigurationTests {

    /** The groups of the Python client's documentation, which the Java API must at least cover. */
    private static final Set<String> SEED_GROUPS = Set.of("admin", "aliases", "announcements", "clusters",
            "credentials", "databases", "endpoints", "enhancements", "exports", "files", "git_repos", "groups",
            "imports", "jobs", "json_values", "match_targets", "media", "models", "notebooks", "notifications",
            "ontology", "permission_sets", "predictions", "projects", "queries", "remote_hosts", "reports", "roles",
            "saml_service_providers", "scripts", "services", "storage_hosts", "table_tags", "tables", "templates",
            "users", "workflows");

    private static final String KEY = "civis.api-key=test-key";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class, WebClientAutoConfiguration.class));

    @Test
    void registersOneBeanPerGroupAndFlavour() {
        this.contextRunner.withPropertyValues(KEY).run(context -> {
            assertThat(context).hasSingleBean(CivisClient.class);
            List<ApiGroup> groups = CivisApiGroups.apiGroups();
            assertThat(groups).hasSize(43 * 2);
            CivisClient client = context.getBean(CivisClient.class);
            for (ApiGroup group : groups) {
                assertThat(context).hasBean(group.beanName());
                assertThat(context.getBean(group.beanName())).isInstanceOf(group.type())
                    .isSameAs(group.accessor().apply(client));
                assertThat(context.getBeanNamesForType(group.type())).containsExactly(group.beanName());
            }
            assertThat(context.getBean("credentialsApi")).isInstanceOf(CredentialsApi.class);
            assertThat(context.getBean("reactiveCredentialsApi")).isInstanceOf(ReactiveCredentialsApi.class);
        });
    }

    @Test
    void coversEverySeedGroupBlockingAndReactive() {
        Map<String, Long> flavoursPerGroup = CivisApiGroups.apiGroups()
            .stream()
            .collect(Collectors.groupingBy(ApiGroup::group, Collectors.counting()));
        assertThat(flavoursPerGroup).containsKeys(SEED_GROUPS.toArray(String[]::new));
        assertThat(SEED_GROUPS).hasSize(37).allSatisfy(group -> assertThat(flavoursPerGroup.get(group)).isEqualTo(2));
        this.contextRunner.withPropertyValues(KEY).run(context -> {
            long seedBeans = CivisApiGroups.apiGroups()
                .stream()
                .filter(group -> SEED_GROUPS.contains(group.group()))
                .filter(group -> context.containsBean(group.beanName()))
                .count();
            assertThat(seedBeans).isEqualTo(37 * 2);
        });
    }

    @Test
    void userDefinedApiBeanWins() {
        this.contextRunner.withPropertyValues(KEY)
            .withUserConfiguration(UserCredentialsApiConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(CredentialsApi.class);
            assertThat(context).doesNotHaveBean("credentialsApi");
            assertThat(context.getBean(CredentialsApi.class)).isSameAs(UserCredentialsApiConfiguration.API);
            // the other flavour and the other groups are still there
            assertThat(context).hasBean("reactiveCredentialsApi").hasBean("usersApi");
        });
    }

    @Test
    void userDefinedClientIsUsedByTheApiBeans() {
        this.contextRunner.withPropertyValues(KEY)
            .withUserConfiguration(UserClientConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(CivisClient.class);
            CivisClient client = context.getBean(CivisClient.class);
            assertThat(client).isSameAs(context.getBean("userCivisClient"));
            assertThat(context.getBean(UsersApi.class)).isSameAs(client.users());
        });
    }

    @Test
    void inertWithoutWebClient() {
        this.contextRunner.withPropertyValues(KEY)
            .withClassLoader(new FilteredClassLoader(WebClient.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(CivisClient.class);
            assertThat(context).doesNotHaveBean("credentialsApi");
            assertThat(context).doesNotHaveBean(CivisProperties.class);
        });
    }

    @Test
    void connectionDetailsDefaultToProperties() {
        this.contextRunner.withPropertyValues(KEY, "civis.base-url=https://civis.example.com/").run(context -> {
            CivisConnectionDetails details = context.getBean(CivisConnectionDetails.class);
            assertThat(details).isInstanceOf(PropertiesCivisConnectionDetails.class);
            assertThat(details.baseUrl()).isEqualTo("https://civis.example.com/");
            assertThat(details.apiKey()).isEqualTo("test-key");
            assertThat(details.toString()).doesNotContain("test-key");
        });
    }

    @Test
    void userConnectionDetailsWin() {
        try (CivisApiStub api = new CivisApiStub()) {
            this.contextRunner.withBean(CivisConnectionDetails.class, () -> new CivisConnectionDetails() {
                    @Override
                    public String baseUrl() {
                        return api.baseUrl();
                    }

                    @Override
                    public String apiKey() {
                        return "from-connection-details";
                    }
                })
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PropertiesCivisConnectionDetails.class);
                    assertThat(context.getBean(UsersApi.class).getMe().username()).isEqualTo(CivisApiStub.USERNAME);
                    assertThat(api.takeRequest().getHeaders().get("Authorization"))
                        .isEqualTo("Bearer from-connection-details");
                });
        }
    }

    @Test
    void apiBeansCallTheConfiguredApi() {
        try (CivisApiStub api = new CivisApiStub()) {
            this.contextRunner.withPropertyValues(KEY, "civis.base-url=" + api.baseUrl()).run(context -> {
                assertThat(context.getBean(UsersApi.class).getMe().username()).isEqualTo(CivisApiStub.USERNAME);
                assertThat(api.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer test-key");
            });
        }
    }

    @Test
    void customizersAreAppliedInOrder() {
        this.contextRunner.withPropertyValues(KEY)
            .withUserConfiguration(CustomizerConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(CustomizerConfiguration.calls).hasValue(2);
        });
    }

    @Test
    void clientStartsFromBootsWebClientBuilderWhenTheTransportIsWebClient() {
        AtomicInteger customized = new AtomicInteger();
        this.contextRunner.withPropertyValues(KEY, "civis.transport=web-client")
            .withBean(WebClientCustomizer.class, () -> builder -> customized.incrementAndGet())
            .run(context -> {
                assertThat(context).hasSingleBean(CivisClient.class);
                assertThat(customized).hasPositiveValue();
            });
    }

    @Test
    void byDefaultCallsGoStraightThroughReactorNettyWithoutBootsWebClientBuilder() {
        AtomicInteger customized = new AtomicInteger();
        this.contextRunner.withPropertyValues(KEY)
            .withBean(WebClientCustomizer.class, () -> builder -> customized.incrementAndGet())
            .run(context -> {
                assertThat(context).hasSingleBean(CivisClient.class);
                assertThat(customized).hasValue(0);
            });
    }

    @Test
    void unknownSslBundleFailsNamingIt() {
        this.contextRunner.withPropertyValues(KEY, "civis.ssl.bundle=no-such-bundle")
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
            .run(context -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(NoSuchSslBundleException.class)
                .hasMessageContaining("no-such-bundle"));
    }

    @Test
    void apiKeyFromEnvironmentVariable() {
        this.contextRunner.withInitializer(FakeSystemEnvironment.of(Map.of("CIVIS_API_KEY", "key-from-env")))
            .run(context -> assertThat(context.getBean(CivisConnectionDetails.class).apiKey())
                .isEqualTo("key-from-env"));
    }

    @Test
    void baseUrlFromApiEndpointEnvironmentVariable() {
        this.contextRunner.withPropertyValues(KEY)
            .withInitializer(FakeSystemEnvironment.of(Map.of("CIVIS_API_ENDPOINT", "https://endpoint.example.com/")))
            .withInitializer(context -> new CivisApiEndpointEnvironmentPostProcessor()
                .postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
            .run(context -> assertThat(context.getBean(CivisConnectionDetails.class).baseUrl())
            .isEqualTo("https://endpoint.example.com/"));
    }

    @Test
    void missingKeyFailsWithoutStackTraceMaterial() {
        this.contextRunner.run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(CivisApiKeyMissingException.class)
                    .hasMessageContaining("civis.api-key")
                    .hasMessageContaining("CIVIS_API_KEY");
            });
    }

    @Test
    void unusableBaseUrlFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues(KEY, "civis.base-url=ftp://api.example.com/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(CivisBaseUrlException.class)
                .hasMessageContaining("civis.base-url");
        });
    }

    @Test
    void plainHttpToRemoteHostWarnsNamingTheProperty(CapturedOutput output) {
        this.contextRunner.withPropertyValues(KEY, "civis.base-url=http://api.example.com/").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("WARN").contains("civis.base-url").contains("http://api.example.com/");
            assertThat(output).doesNotContain("test-key");
        });
    }

    @Test
    void plainHttpToLoopbackDoesNotWarn(CapturedOutput output) {
        this.contextRunner.withPropertyValues(KEY, "civis.base-url=http://127.0.0.1:8080/").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).doesNotContain("civis.base-url");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserCredentialsApiConfiguration {

        static final CredentialsApi API = CivisClient.builder().apiKey("other").build().credentials();

        @Bean
        CredentialsApi myCredentialsApi() {
            return API;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserClientConfiguration {

        @Bean
        CivisClient userCivisClient() {
            return CivisClient.builder().apiKey("user-key").baseUrl("https://user.example.com/").build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        static final AtomicInteger calls = new AtomicInteger();

        @Bean
        @org.springframework.core.annotation.Order(2)
        CivisClientCustomizer second() {
            return builder -> assertThat(calls.incrementAndGet()).isEqualTo(2);
        }

        @Bean
        @org.springframework.core.annotation.Order(1)
        CivisClientCustomizer first() {
            return builder -> assertThat(calls.incrementAndGet()).isEqualTo(1);
        }

    }

}
