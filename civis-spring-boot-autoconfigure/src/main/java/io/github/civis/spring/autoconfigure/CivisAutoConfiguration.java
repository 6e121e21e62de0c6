package io.github.civis.spring.autoconfigure;

import java.util.function.Consumer;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webclient.autoconfigure.WebClientSsl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.civis.client.CivisClient;
import io.github.civis.client.observation.CivisClientObservationConvention;

/**
 * Auto-configuration of the {@link CivisClient} and of one bean per API group and flavour
 * ({@code credentialsApi}, {@code reactiveCredentialsApi}, …).
 *
 * <p>The client starts from Boot's {@link WebClient.Builder} when there is one, so that
 * {@code WebClientCustomizer}s, codecs, SSL bundles and observation apply to Civis calls too.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, CivisClient.class })
@EnableConfigurationProperties({ CivisProperties.class, CivisRetryProperties.class })
@Import(CivisApiBeanRegistrar.class)
public final class CivisAutoConfiguration {

    private static final String WEB_CLIENT_SSL = "org.springframework.boot.webclient.autoconfigure.WebClientSsl";

    @Bean
    @ConditionalOnMissingBean(CivisConnectionDetails.class)
    PropertiesCivisConnectionDetails civisConnectionDetails(CivisProperties properties) {
        return new PropertiesCivisConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    CivisClient civisClient(CivisProperties properties, CivisRetryProperties retry,
            CivisConnectionDetails connectionDetails, ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<CivisClientObservationConvention> observationConvention,
            ObjectProvider<CivisClientCustomizer> customizers, BeanFactory beanFactory) {
        CivisClientFactory factory = new CivisClientFactory(properties, retry, connectionDetails);
        return factory.create(webClientBuilder.getIfAvailable(WebClient::builder),
                sslBundle(properties.getSsl().getBundle(), beanFactory),
                observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique(),
                customizers.orderedStream());
    }

    private static @Nullable Consumer<WebClient.Builder> sslBundle(@Nullable String bundle, BeanFactory beanFactory) {
        if (bundle == null) {
            return null;
        }
        if (!ClassUtils.isPresent(WEB_CLIENT_SSL, CivisAutoConfiguration.class.getClassLoader())) {
            throw new IllegalStateException("civis.ssl.bundle is set but spring-boot-webclient, "
                    + "which applies SSL bundles, is not on the class path");
        }
        return SslBundles.fromBundle(beanFactory, bundle);
    }

    /**
     * Kept apart so that {@code WebClientSsl} is loaded only when an SSL bundle is configured.
     */
    private static final class SslBundles {

        static Consumer<WebClient.Builder> fromBundle(BeanFactory beanFactory, String bundle) {
            return beanFactory.getBean(WebClientSsl.class).fromBundle(bundle);
        }

    }

}
