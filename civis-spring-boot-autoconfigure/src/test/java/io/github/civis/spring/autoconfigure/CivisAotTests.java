package io.github.civis.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.util.StreamUtils;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.ApiGroup;
import io.github.civis.client.api.CivisApiGroups;
import io.github.civis.client.api.CredentialsApi;
import io.github.civis.client.api.UsersApi;
import io.github.civis.client.model.UserMe;
import io.github.civis.client.request.AdminListAnnouncementsRequest;

/**
 * Runs Spring AOT processing on the auto-configuration, compiles the generated initializer and
 * starts a context from it alone, as a native image would.
 */
@CompileWithForkedClassLoader
class CivisAotTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisAutoConfiguration.class))
        .withPropertyValues("civis.api-key=build-time-key");

    @Test
    void apiBeansAreWrittenAsCodeAndWorkFromTheGeneratedInitializer() {
        try (CivisApiStub api = new CivisApiStub()) {
            this.contextRunner.prepare(context -> {
                TestGenerationContext generationContext = new TestGenerationContext();
                ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(
                        context.getSourceApplicationContext(GenericApplicationContext.class), generationContext);
                generationContext.writeGeneratedContent();
                StringBuilder sources = new StringBuilder();
                for (InputStreamSource source : generationContext.getGeneratedFiles()
                    .getGeneratedFiles(GeneratedFiles.Kind.SOURCE)
                    .values()) {
                    sources.append(StreamUtils.copyToString(source.getInputStream(), StandardCharsets.UTF_8));
                }
                // every API bean is registered by generated code, through the factory method
                for (ApiGroup group : CivisApiGroups.apiGroups()) {
                    assertThat(sources).contains("\"" + group.beanName() + "\"");
                }
                assertThat(sources).contains("CivisApiBeans.civisApi(");
                TestCompiler.forSystem().with(generationContext).compile(compiled -> {
                    try (GenericApplicationContext fresh = new GenericApplicationContext()) {
                        fresh.getEnvironment()
                            .getPropertySources()
                            .addFirst(new MapPropertySource("test",
                                    Map.of("civis.api-key", "run-time-key", "civis.base-url", api.baseUrl())));
                        @SuppressWarnings("unchecked")
                        ApplicationContextInitializer<GenericApplicationContext> generated = compiled
                            .getInstance(ApplicationContextInitializer.class, initializer.toString());
                        generated.initialize(fresh);
                        fresh.refresh();
                        for (ApiGroup group : CivisApiGroups.apiGroups()) {
                            assertThat(fresh.getBean(group.beanName())).isInstanceOf(group.type());
                        }
                        assertThat(fresh.getBean(CredentialsApi.class))
                            .isSameAs(fresh.getBean(CivisClient.class).credentials());
                        UserMe me = fresh.getBean(UsersApi.class).getMe();
                        assertThat(me.username()).isEqualTo(CivisApiStub.USERNAME);
                        assertThat(api.takeRequest().getHeaders().get("Authorization"))
                            .isEqualTo("Bearer run-time-key");
                    }
                });
            });
        }
    }

    /** The client's own registrar (its {@code META-INF/spring/aot.factories}) contributes the hints. */
    @Test
    void runtimeHintsCoverTheGeneratedTypes() {
        this.contextRunner.prepare(context -> {
            TestGenerationContext generationContext = new TestGenerationContext();
            new ApplicationContextAotGenerator().processAheadOfTime(
                    context.getSourceApplicationContext(GenericApplicationContext.class), generationContext);
            var hints = generationContext.getRuntimeHints();
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(UserMe.class)
                .withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
                .accepts(hints);
            assertThat(RuntimeHintsPredicates.reflection()
                .onType(AdminListAnnouncementsRequest.Builder.class)
                .withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS))
                .accepts(hints);
        });
    }

}
