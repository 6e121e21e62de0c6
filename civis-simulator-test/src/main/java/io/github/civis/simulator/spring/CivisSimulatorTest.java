package io.github.civis.simulator.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextCustomizerFactories;

import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.junit.CivisSimulatorSeedHints;

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
 * <p>The simulator starts with no database. Seed it with a seed file ({@link #seed()}, the JSON
 * form of {@link io.github.civis.simulator.sql.Seed}) or with {@code Seed} beans of the test's
 * configuration:
 *
 * <pre>{@code
 * @SpringBootTest
 * @CivisSimulatorTest(seed = "classpath:civis-seed.json")
 * class ReportTests {
 *
 *     @TestConfiguration
 *     static class MoreData {
 *         @Bean
 *         Seed people() {
 *             return new Seed().table("redshift-general", "public.people", List.of("id", "name"),
 *                     List.of(List.of("1", "Ann")));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The simulator starts with the application context and stops when the context is closed; test
 * classes with the same settings (seed files included) share the cached context and so the
 * simulator. Each test class still gets it as its seed describes: before a class runs on a
 * context that earlier classes used, the simulator is reset (everything made through the API,
 * runs, files, databases and tables) and seeded again. It is a bean of the context, and its fault
 * rules are cleared after each test method. Runs end at once unless {@link #runStepMillis()} says
 * otherwise. A test that fails on a database or table the simulator does not have says how to
 * seed it ({@link CivisSimulatorSeedHints}, with JUnit Jupiter).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(CivisSimulatorContextCustomizerFactory.class)
@ExtendWith(CivisSimulatorSeedHints.class)
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
     * Seed files to start the simulator with, each a file path or a {@code classpath:} location
     * (e.g. {@code classpath:civis-seed.json} for {@code src/test/resources/civis-seed.json}), in
     * the JSON form of {@link io.github.civis.simulator.sql.Seed}: databases with tables and rows,
     * storage hosts, credentials.
     */
    String[] seed() default {};

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
