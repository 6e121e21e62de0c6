package io.github.civis.client.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.internal.retry.Sleeper;

/**
 * What a client takes from its surroundings and tests replace: how it waits between attempts,
 * what time it is, and where environment variables come from.
 *
 * @param sleeper waits between attempts
 * @param clock measures time spent retrying and reads {@code Retry-After} dates
 * @param environment returns an environment variable's value or {@code null}
 */
public record ClientHooks(Sleeper sleeper, Clock clock, Function<String, @Nullable String> environment) {

    private static final ClientHooks SYSTEM = new ClientHooks(Sleeper.system(), Clock.systemUTC(), System::getenv);

    /** Checks that nothing is missing. */
    public ClientHooks {
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * The real ones: really waits, the UTC system clock, {@link System#getenv(String)}.
     * @return the hooks of a client built without test hooks
     */
    public static ClientHooks system() {
        return SYSTEM;
    }

    /**
     * @param replacement the sleeper to use
     * @return these hooks with that sleeper
     */
    public ClientHooks withSleeper(Sleeper replacement) {
        return new ClientHooks(replacement, clock, environment);
    }

    /**
     * @param replacement the clock to use
     * @return these hooks with that clock
     */
    public ClientHooks withClock(Clock replacement) {
        return new ClientHooks(sleeper, replacement, environment);
    }

    /**
     * @param replacement where to read environment variables
     * @return these hooks with that environment
     */
    public ClientHooks withEnvironment(Function<String, @Nullable String> replacement) {
        return new ClientHooks(sleeper, clock, replacement);
    }
}
