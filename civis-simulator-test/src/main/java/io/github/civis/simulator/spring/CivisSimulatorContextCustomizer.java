package io.github.civis.simulator.spring;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.simulator.http.RateLimits;
import org.jspecify.annotations.Nullable;

/**
 * Starts a simulator for one application context, registers it as the bean
 * {@value #BEAN_NAME}, puts its URL and key first among the property sources, and stops it when
 * the context closes. Equal settings give equal customizers, so contexts are cached and shared
 * as usual.
 */
final class CivisSimulatorContextCustomizer implements ContextCustomizer {

    /** The key of {@link CivisSimulatorTest#apiKey()} unless set. */
    static final String DEFAULT_API_KEY = "civis-simulator-test-key";

    /** The name of the simulator's bean. */
    static final String BEAN_NAME = "civisSimulator";

    /** The name of the property source holding the simulator's URL and key. */
    static final String PROPERTY_SOURCE_NAME = "civisSimulatorTest";

    private final String apiKey;
    private final String username;
    private final long runStepMillis;
    private final String endpointsDocument;
    private final List<String> seeds;
    private final RateLimits.@Nullable Limit rateLimit;
    private final RateLimits.@Nullable Limit runRateLimit;

    CivisSimulatorContextCustomizer(String apiKey, String username, long runStepMillis) {
        this(apiKey, username, runStepMillis, "");
    }

    CivisSimulatorContextCustomizer(String apiKey, String username, long runStepMillis, String endpointsDocument) {
        this(apiKey, username, runStepMillis, endpointsDocument, "", "", List.of());
    }

    /**
     * @param seeds the seed files' locations ({@link CivisSimulatorTest#seed()}): part of the
     *        context cache key, so that classes with other seeds never share a simulator
     */
    CivisSimulatorContextCustomizer(String apiKey, String username, long runStepMillis, String endpointsDocument,
            String rateLimit, String runRateLimit, List<String> seeds) {
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("@CivisSimulatorTest(apiKey) must not be blank");
        }
        if (runStepMillis < 0) {
            throw new IllegalArgumentException("@CivisSimulatorTest(runStepMillis) must not be negative, was "
                    + runStepMillis);
        }
        this.apiKey = apiKey;
        this.username = username;
        this.runStepMillis = runStepMillis;
        this.endpointsDocument = endpointsDocument;
        for (String seed : seeds) {
            if (seed.isBlank()) {
                throw new IllegalArgumentException("@CivisSimulatorTest(seed) must not hold a blank location");
            }
        }
        this.seeds = List.copyOf(seeds);
        this.rateLimit = limit("rateLimit", rateLimit);
        this.runRateLimit = limit("runRateLimit", runRateLimit);
    }

    private static RateLimits.@Nullable Limit limit(String attribute, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return RateLimits.Limit.parse(text);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("@CivisSimulatorTest(" + attribute + "): " + ex.getMessage(), ex);
        }
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        CivisSimulator.Builder builder = CivisSimulator.builder()
            .apiKey(apiKey, username)
            .runStep(Duration.ofMillis(runStepMillis));
        if (!endpointsDocument.isBlank()) {
            builder.endpointsDocument(readDocument(context));
        }
        if (rateLimit != null) {
            builder.rateLimit(rateLimit.requests(), rateLimit.window());
        }
        if (runRateLimit != null) {
            builder.runRateLimit(runRateLimit.requests(), runRateLimit.window());
        }
        for (String seed : seeds) {
            builder.seed(readSeed(context, seed));
        }
        CivisSimulator simulator = builder.build().start();
        CivisSimulatorSeeding seeding = new CivisSimulatorSeeding(simulator);
        context.getBeanFactory().registerSingleton(CivisSimulatorSeeding.BEAN_NAME, seeding);
        // Seed beans of the test's configuration are seeded as soon as they are made, and again after each reset.
        context.getBeanFactory().addBeanPostProcessor(seeding.seedBeans());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
                Map.of("civis.base-url", simulator.baseUrl(), "civis.api-key", apiKey)));
        context.getBeanFactory().registerSingleton(BEAN_NAME, simulator);
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
            if (event.getApplicationContext() == context) {
                simulator.stop();
            }
        });
    }

    /** The document named by {@link CivisSimulatorTest#endpointsDocument()}: a file or a {@code classpath:} location. */
    private String readDocument(ConfigurableApplicationContext context) {
        String location = endpointsDocument.contains(":") ? endpointsDocument : "file:" + endpointsDocument;
        org.springframework.core.io.Resource resource = context.getResource(location);
        try (java.io.InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (java.io.IOException ex) {
            throw new IllegalArgumentException("@CivisSimulatorTest(endpointsDocument) names no readable document: '"
                    + endpointsDocument + "'", ex);
        }
    }

    /** A seed file named by {@link CivisSimulatorTest#seed()}: a file or a {@code classpath:} location. */
    private static Seed readSeed(ConfigurableApplicationContext context, String seed) {
        String location = seed.contains(":") ? seed : "file:" + seed;
        Resource resource = context.getResource(location);
        String source = "@CivisSimulatorTest(seed) file '" + seed + "'";
        if (!resource.exists()) {
            throw new IllegalArgumentException(source + " does not exist (a file path, or classpath:name for a file "
                    + "under src/test/resources)");
        }
        try (InputStream in = resource.getInputStream()) {
            return Seed.read(in, source);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException(source + " cannot be read", ex);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CivisSimulatorContextCustomizer that && apiKey.equals(that.apiKey)
                && username.equals(that.username) && runStepMillis == that.runStepMillis
                && endpointsDocument.equals(that.endpointsDocument) && seeds.equals(that.seeds)
                && java.util.Objects.equals(rateLimit, that.rateLimit)
                && java.util.Objects.equals(runRateLimit, that.runRateLimit);
    }

    @Override
    public int hashCode() {
        return apiKey.hashCode() * 31 + username.hashCode() * 17 + Long.hashCode(runStepMillis) * 7
                + endpointsDocument.hashCode() * 3 + seeds.hashCode() + java.util.Objects.hash(rateLimit, runRateLimit);
    }
}
