package io.github.civis.sample;

import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.github.civis.simulator.CivisSimulator;

/**
 * Starts the embedded Civis simulator when no API key is configured, seeded with the sample's
 * database ({@code sample.sql.database}) and its table {@code demo.cities}, and points the starter
 * at it. With {@code civis.api-key} (or {@code CIVIS_API_KEY}) set, it does nothing and the app
 * talks to {@code civis.base-url}, by default the real platform.
 */
class EmbeddedSimulatorEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    EmbeddedSimulatorEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedSimulatorEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("civis.api-key")
                || !environment.getProperty("sample.simulator.enabled", Boolean.class, true)) {
            return;
        }
        String key = "sample-" + UUID.randomUUID();
        String database = environment.getProperty("sample.sql.database", SqlController.DEFAULT_DATABASE);
        CivisSimulator simulator = CivisSimulator.builder().apiKey(key).port(0).seed(SampleData.seed(database))
            .build().start();
        SampleData.load(simulator.baseUrl(), key);
        environment.getPropertySources()
            .addFirst(new MapPropertySource("embeddedCivisSimulator",
                    Map.of("civis.base-url", simulator.baseUrl(), "civis.api-key", key)));
        application.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                simulator.stop();
            }
        });
        log.info("No Civis API key configured (civis.api-key / CIVIS_API_KEY): started the embedded Civis simulator at "
                + simulator.baseUrl());
    }

    @Override
    public int getOrder() {
        // After the application's own property files have been read, so that a key set there counts.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
