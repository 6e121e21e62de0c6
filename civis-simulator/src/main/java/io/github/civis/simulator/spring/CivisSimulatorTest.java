package io.github.civis.simulator.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextCustomizerFactories;

import io.github.civis.simulator.CivisSimulator;

/**
 * Runs a {@link CivisSimulator} for the application context of a Spring test and points the
 * application's Civis client at it: the properties {@code civis.base-url} and {@code civis.api-key}
 * are set to the simulator's URL and key, ahead of every other property source.
 *
 * <pre>{@code
 * @SpringBootTest
 * @CivisSimulatorTest
 * class MyServiceTests {
 *
 *     @Autowired
 *     CredentialsApi credentials;        // talks to the simulator
 *
 *     @Autowired
 *     CivisSimulator simulator;          // to add faults, read stats
 * }
 * }</pre>
 *
 * <p>The simulator starts with the application context and stops when the context is closed; test
 * classes with the same settings share the cached context and so the simulator. It is a bean of
 * the context, and its fault rules are cleared after each test method. Runs end at once unless
 * {@link #runStepMillis()} says otherwise.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(CivisSimulatorContextCustomizerFactory.class)
public @interface CivisSimulatorTest {

    /** The API key the simulator accepts and the application is given. */
    String apiKey() default CivisSimulatorContextCustomizer.DEFAULT_API_KEY;

    /** The user name {@code GET /users/me} answers with for the key. */
    String username() default "simulator";

    /** How long a run stays queued, then running, in milliseconds; {@code 0} ends runs at once. */
    long runStepMillis() default 0;

    /**
     * The OpenAPI 2.0 document {@code GET /endpoints} answers with, as a file path or a
     * {@code classpath:} location, to present a platform whose API has moved; empty (the default)
     * for the simulator's catalog as a document.
     */
    String endpointsDocument() default "";

    /**
     * The general limit the simulator enforces per key, written {@code <requests>/<window>}, e.g.
     * {@code 1000/300s} (the platform's); past it, 429 with {@code Retry-After}. Empty (the
     * default) for none.
     */
    String rateLimit() default "";

    /**
     * The limit on run-creating requests ({@code POST .../runs}) the simulator enforces per key,
     * e.g. {@code 100/300s} (the platform's). Empty (the default) for none.
     */
    String runRateLimit() default "";
}
