package io.github.civis.simulator.junit;

import java.util.function.Consumer;

import io.github.civis.client.CivisClient;
import io.github.civis.simulator.CivisSimulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Runs a {@link CivisSimulator} for the tests of a class: started before the first test,
 * stopped after the last; fault rules are cleared after each test so that one test's faults
 * never leak into the next. Test methods can take the {@link CivisSimulator} or a
 * {@link CivisClient} bound to it as parameters.
 *
 * <pre>{@code
 * @RegisterExtension
 * static CivisSimulatorExtension civis = CivisSimulatorExtension.create();
 *
 * @Test
 * void readsMe() {
 *     CivisClient client = civis.client();
 *     assertThat(client.users().getMe().username()).isEqualTo("simulator");
 * }
 * }</pre>
 *
 * Registered on an instance field instead, it runs one simulator per test.
 *
 * <p>The simulator starts with no database; seed it through the builder:
 *
 * <pre>{@code
 * @RegisterExtension
 * static CivisSimulatorExtension civis = CivisSimulatorExtension.create(
 *         builder -> builder.seed(Seed.readResource("civis-seed.json")));
 * }</pre>
 *
 * A test that fails on a database or table the simulator does not have says so
 * ({@link CivisSimulatorSeedHints}).
 */
public final class CivisSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** The API key of {@link #create()}. */
    public static final String DEFAULT_API_KEY = "civis-simulator-test-key";

    private final Consumer<CivisSimulator.Builder> customizer;
    private CivisSimulator simulator;

    /** One client per running simulator, shared by the tests and closed with the simulator. */
    private CivisClient client;
    private boolean perClass;

    private CivisSimulatorExtension(Consumer<CivisSimulator.Builder> customizer) {
        this.customizer = customizer;
    }

    /** A simulator on an ephemeral port accepting {@link #DEFAULT_API_KEY}, with runs that end at once. */
    public static CivisSimulatorExtension create() {
        return create(builder -> { });
    }

    /**
     * A simulator configured by the customizer, applied after the defaults of {@link #create()}
     * (so it can add keys, faults, another run step, …).
     */
    public static CivisSimulatorExtension create(Consumer<CivisSimulator.Builder> customizer) {
        return new CivisSimulatorExtension(customizer);
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

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw CivisSimulatorSeedHints.withHint(throwable, CivisSimulatorSeedHints.EXTENSION_SEEDING);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw CivisSimulatorSeedHints.withHint(throwable, CivisSimulatorSeedHints.EXTENSION_SEEDING);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw CivisSimulatorSeedHints.withHint(throwable, CivisSimulatorSeedHints.EXTENSION_SEEDING);
    }

    /** The running simulator. */
    public CivisSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("The simulator runs only while tests run");
        }
        return simulator;
    }

    /** The simulator's base URL, e.g. {@code http://127.0.0.1:40123/}. */
    public String baseUrl() {
        return simulator().baseUrl();
    }

    /** The API key the simulator accepts (the first one configured). */
    public String apiKey() {
        return simulator().apiKey();
    }

    /** The client bound to the simulator with {@link #apiKey()}; closed when the simulator stops. */
    public synchronized CivisClient client() {
        if (client == null) {
            client = CivisClient.builder().baseUrl(baseUrl()).apiKey(apiKey()).build();
        }
        return client;
    }

    private void start() {
        CivisSimulator.Builder builder = CivisSimulator.builder()
            .apiKey(DEFAULT_API_KEY)
            .runStep(java.time.Duration.ZERO);
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
