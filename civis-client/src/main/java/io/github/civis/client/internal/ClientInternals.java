package io.github.civis.client.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.github.civis.client.internal.retry.Sleeper;
import io.github.civis.client.transport.CivisTransport;

/**
 * Reaches what {@code CivisClient} keeps out of its public API, for the client's own modules and
 * their tests: the transport the generated APIs call through, and the hooks of its builder that
 * make waiting, time and environment variables testable. Not an API: it may change in any release.
 *
 * <p>{@code CivisClient} lends its {@link Access} when its class initialises. Clients and builders
 * are passed as {@code Object} because this package sits below the client's entry point: the
 * dependency points from {@code CivisClient} to here, never back.
 */
public final class ClientInternals {

    private static volatile @Nullable Access access;

    private ClientInternals() {
    }

    /**
     * What {@code CivisClient} lends: reading its transport, and reading and replacing a builder's hooks.
     */
    public interface Access {

        /**
         * @param client a {@code CivisClient}
         * @return the transport its generated APIs call through
         */
        CivisTransport transport(Object client);

        /**
         * @param builder a {@code CivisClient.Builder}
         * @return its hooks
         */
        ClientHooks hooks(Object builder);

        /**
         * @param builder a {@code CivisClient.Builder}
         * @param hooks the hooks it builds clients with from now on
         */
        void hooks(Object builder, ClientHooks hooks);
    }

    /**
     * Called once, by {@code CivisClient} as its class initialises.
     * @param lent the access
     * @throws IllegalStateException when an access was lent already
     */
    public static synchronized void lend(Access lent) {
        if (access != null) {
            throw new IllegalStateException("CivisClient lent its internals already");
        }
        access = Objects.requireNonNull(lent, "lent");
    }

    /**
     * The transport a client's generated APIs call through.
     * @param client a {@code CivisClient}
     * @return its transport
     */
    public static CivisTransport transport(Object client) {
        return access().transport(client);
    }

    /**
     * Makes a builder's clients wait with this sleeper between attempts.
     * @param builder a {@code CivisClient.Builder}
     * @param sleeper the sleeper, e.g. one that records instead of waiting
     * @param <B> the builder's type
     * @return the builder
     */
    public static <B> B sleeper(B builder, Sleeper sleeper) {
        access().hooks(builder, access().hooks(builder).withSleeper(sleeper));
        return builder;
    }

    /**
     * Makes a builder's clients measure retry time and read {@code Retry-After} dates with this clock.
     * @param builder a {@code CivisClient.Builder}
     * @param clock the clock
     * @param <B> the builder's type
     * @return the builder
     */
    public static <B> B clock(B builder, Clock clock) {
        access().hooks(builder, access().hooks(builder).withClock(clock));
        return builder;
    }

    /**
     * Makes a builder read environment variables ({@code CIVIS_API_KEY}, …) from this function.
     * @param builder a {@code CivisClient.Builder}
     * @param environment returns a variable's value or {@code null}
     * @param <B> the builder's type
     * @return the builder
     */
    public static <B> B environment(B builder, Function<String, @Nullable String> environment) {
        access().hooks(builder, access().hooks(builder).withEnvironment(environment));
        return builder;
    }

    private static Access access() {
        Access lent = access;
        if (lent == null) {
            throw new IllegalStateException("CivisClient has not been initialised");
        }
        return lent;
    }
}
