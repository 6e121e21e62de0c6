package io.github.civis.client;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.civis.simulator.CivisSimulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The simulator the client's workflow tests run against, built straight from
 * {@link CivisSimulator#builder()}: started before the class's first test (or each test, on an
 * instance field), stopped after, its faults cleared after each test; test methods can take the
 * {@link CivisSimulator} or a {@link CivisClient} bound to it. The published JUnit extension
 * (civis-simulator-test) cannot serve here: it depends on this module.
 */
public final class SimulatorFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    /** The key the simulator accepts. */
    public static final String API_KEY = "civis-simulator-test-key";

    private final Consumer<CivisSimulator.Builder> customizer;
    private CivisSimulator simulator;
    private CivisClient client;
    private boolean perClass;

    private SimulatorFixture(Consumer<CivisSimulator.Builder> customizer) {
        this.customizer = customizer;
    }

    /** A simulator accepting {@link #API_KEY}, with runs that end at once. */
    public static SimulatorFixture create() {
        return create(builder -> { });
    }

    /** That simulator, then configured by the customizer (seeds, faults, another run step, …). */
    public static SimulatorFixture create(Consumer<CivisSimulator.Builder> customizer) {
        return new SimulatorFixture(customizer);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (simulator != null) {
            simulator.faults().clear();
        }
        if (!perClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CivisSimulator.class || type == CivisClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return (parameter.getParameter().getType() == CivisClient.class) ? client() : simulator();
    }

    /** The running simulator. */
    public CivisSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("The simulator runs only while tests run");
        }
        return simulator;
    }

    /** The simulator's base URL. */
    public String baseUrl() {
        return simulator().baseUrl();
    }

    /** The key the simulator accepts. */
    public String apiKey() {
        return simulator().apiKey();
    }

    /** A client bound to the simulator, closed when it stops. */
    public synchronized CivisClient client() {
        if (client == null) {
            client = CivisClient.builder().baseUrl(baseUrl()).apiKey(apiKey()).build();
        }
        return client;
    }

    private void start() {
        CivisSimulator.Builder builder = CivisSimulator.builder().apiKey(API_KEY).runStep(Duration.ZERO);
        customizer.accept(builder);
        simulator = builder.build().start();
    }

    private synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (simulator != null) {
            simulator.stop();
            simulator = null;
        }
    }
}
