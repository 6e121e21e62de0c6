package io.github.civis.simulator.state;

import java.util.Locale;

/**
 * A user of the simulated API: the owner of an API key.
 *
 * @param id the user id
 * @param username the user name
 */
public record SimulatedUser(long id, String username) {

    /** A display name made from the user name. */
    public String name() {
        return "User " + username;
    }

    /** Initials, as Civis shows them. */
    public String initials() {
        return username.substring(0, Math.min(2, username.length())).toUpperCase(Locale.ROOT);
    }
}
