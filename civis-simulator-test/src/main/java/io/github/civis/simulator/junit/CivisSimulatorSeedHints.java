package io.github.civis.simulator.junit;

import java.util.Set;

import io.github.civis.client.lookup.CivisLookupException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Says how to seed the simulator when a test fails because it has no database or table of a
 * name: a simulator starts with none, and the client's "No database named 'x'" alone does not
 * say that. The failure is rethrown as a {@link NotSeededException}, a
 * {@link CivisLookupException} of the same kind, name and candidates whose message ends with how
 * to seed, the original as its cause. Other failures pass unchanged.
 *
 * <p>Registered by {@link io.github.civis.simulator.spring.CivisSimulatorTest} and by
 * {@link CivisSimulatorExtension}, each naming its own way to seed.
 */
public final class CivisSimulatorSeedHints implements TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    /** How a {@code @CivisSimulatorTest} is seeded. */
    static final String SPRING_SEEDING = "@CivisSimulatorTest(seed = \"classpath:civis-seed.json\") or a Seed bean "
            + "in the test's configuration";

    /** How a {@link CivisSimulatorExtension}'s simulator is seeded. */
    static final String EXTENSION_SEEDING = "CivisSimulatorExtension.create(builder -> builder.seed("
            + "Seed.readResource(\"civis-seed.json\")))";

    /** The lookups a seed answers. */
    private static final Set<String> SEEDED_KINDS = Set.of("database", "table", "default database credential");

    private final String howToSeed;

    /** The hints of a {@code @CivisSimulatorTest}, for JUnit to make. */
    public CivisSimulatorSeedHints() {
        this(SPRING_SEEDING);
    }

    CivisSimulatorSeedHints(String howToSeed) {
        this.howToSeed = howToSeed;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withHint(throwable, howToSeed);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withHint(throwable, howToSeed);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withHint(throwable, howToSeed);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withHint(throwable, howToSeed);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withHint(throwable, howToSeed);
    }

    /**
     * The failure with how to seed added, when a lookup of a database or table caused it.
     *
     * @param failure what a test threw
     * @param howToSeed how to seed the test's simulator
     * @return a {@link NotSeededException}, or the failure unchanged
     */
    static Throwable withHint(Throwable failure, String howToSeed) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof NotSeededException) {
                return failure;
            }
            if (current instanceof CivisLookupException lookup && SEEDED_KINDS.contains(lookup.kind())) {
                return new NotSeededException(lookup, failure, howToSeed);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return failure;
    }

    /**
     * A lookup that failed in a test whose simulator was not seeded with what it looked for; the
     * message says how to seed it.
     */
    public static final class NotSeededException extends CivisLookupException {

        private static final long serialVersionUID = 1L;

        private final String message;

        NotSeededException(CivisLookupException lookup, Throwable failure, String howToSeed) {
            super(lookup.kind(), lookup.name(), lookup.closestMatches(), "");
            String what = lookup.kind().equals("table") ? "tables" : "databases";
            this.message = lookup.getMessage() + " (the test's simulator has only the " + what
                    + " it is seeded with: seed it with " + howToSeed + ")";
            initCause(failure);
            setStackTrace(lookup.getStackTrace());
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
