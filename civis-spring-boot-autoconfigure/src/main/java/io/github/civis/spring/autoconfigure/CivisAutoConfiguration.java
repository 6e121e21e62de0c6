package io.github.civis.spring.autoconfigure;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLException;

import io.micrometer.observation.ObservationRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import io.github.civis.client.CivisClient;
import io.github.civis.client.observation.CivisClientObservationConvention;

/**
 * Auto-configuration of the {@link CivisClient} and of one bean per API group and flavour
 * ({@code credentialsApi}, {@code reactiveCredentialsApi}, …).
 *
 * <p>Calls go straight through the client's Reactor Netty client by default; with
 * {@code civis.transport=web-client} the client starts from Boot's {@link WebClient.Builder}, so
 * that {@code WebClientCustomizer}s, filters, codecs and Boot's HTTP client observation apply to
 * Civis calls too.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, CivisClient.class })
@EnableConfigurationProperties(CivisProperties.class)
@Import(CivisApiBeanRegistrar.class)
public final class CivisAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CivisConnectionDetails.class)
    PropertiesCivisConnectionDetails civisConnectionDetails(CivisProperties properties) {
        return new PropertiesCivisConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    CivisClient civisClient(CivisProperties properties, CivisConnectionDetails connectionDetails, ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<CivisClientObservationConvention> observationConvention,
            ObjectProvider<CivisClientCustomizer> customizers, ObjectProvider<SslBundles> sslBundles) {
        CivisClientFactory factory = new CivisClientFactory(properties, connectionDetails);
        WebClient.@Nullable Builder builder = (properties.getTransport() == CivisProperties.Transport.WEB_CLIENT)
                ? webClientBuilder.getIfAvailable(WebClient::builder) : null;
        return factory.create(builder,
                sslBundle(properties.getSsl().getBundle(), sslBundles),
                observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique(),
                customizers.orderedStream());
    }

    /**
     * Fails at startup, before any call, when a {@code civis.*} key is not a known property.
     */
    @Bean
    static CivisPropertyNamesCheck civisPropertyNamesCheck(Environment environment) {
        return new CivisPropertyNamesCheck(environment);
    }

    /**
     * Applies the SSL bundle to the client's own Reactor Netty client, which keeps its timeouts
     * and pool (Boot's {@code WebClientSsl} would replace the whole connector).
     */
    private static @Nullable UnaryOperator<HttpClient> sslBundle(@Nullable String bundle,
            ObjectProvider<SslBundles> sslBundles) {
        if (bundle == null) {
            return null;
        }
        SslBundles bundles = sslBundles.getIfAvailable();
        if (bundles == null) {
            throw new IllegalStateException("civis.ssl.bundle is set to '" + bundle
                    + "' but the application has no SslBundles (Spring Boot's SSL auto-configuration is not active)");
        }
        SslContext sslContext = nettySslContext(bundle, bundles.getBundle(bundle));
        return http -> http.secure(spec -> spec.sslContext(sslContext));
    }

    private static SslContext nettySslContext(String name, SslBundle bundle) {
        SslManagerBundle managers = bundle.getManagers();
        SslOptions options = bundle.getOptions();
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                .keyManager(managers.getKeyManagerFactory())
                .trustManager(managers.getTrustManagerFactory());
            if (options.getCiphers() != null) {
                builder.ciphers(Arrays.asList(options.getCiphers()));
            }
            if (options.getEnabledProtocols() != null) {
                builder.protocols(options.getEnabledProtocols());
            }
            return builder.build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException("The SSL bundle '" + name + "' (civis.ssl.bundle) cannot be used: "
                    + ex.getMessage(), ex);
        }
    }

}
