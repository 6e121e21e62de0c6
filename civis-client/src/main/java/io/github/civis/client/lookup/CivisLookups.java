package io.github.civis.client.lookup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.civis.client.api.CredentialsApi;
import io.github.civis.client.api.DatabasesApi;
import io.github.civis.client.api.StorageHostsApi;
import io.github.civis.client.api.TablesApi;
import io.github.civis.client.api.UsersApi;
import io.github.civis.client.model.Credential;
import io.github.civis.client.model.Database;
import io.github.civis.client.model.DatabaseTable;
import io.github.civis.client.model.StorageHost;
import org.jspecify.annotations.Nullable;

/**
 * Names to ids, as civis-python's {@code get_database_id}, {@code get_table_id} and friends,
 * each answer cached ({@link LookupCache}) so that repeated lookups cost no API call until the
 * entry expires. Thread-safe.
 *
 * <p>A lookup answers the one thing of exactly the name given, or fails with a
 * {@link CivisLookupException} naming the candidates; it never takes a guess:
 * <ul>
 * <li>a name equal to the one given, case included, wins;</li>
 * <li>failing that, a name equal ignoring case is taken when it is the only one (the platform
 *     folds unquoted database, schema and table names to lower case);</li>
 * <li>several of that name (or, failing an exact one, several equal ignoring case) are an
 *     ambiguity, listed with their ids;</li>
 * <li>the platform's name filters treat {@code *} and {@code %} as wildcards; what they match
 *     beyond the name is listed, never taken, so {@code demo.*} names no table (unless one is
 *     called {@code *});</li>
 * <li>a name that names nothing lists the closest existing names.</li>
 * </ul>
 *
 * <p>Cache keys start with the kind of lookup ({@code database:}, {@code table:},
 * {@code credential:}, {@code storageHost:}, {@code defaultDatabaseCredential},
 * {@code username}), so that answers of different kinds never share a key.
 *
 * <pre class="code">
 * long db = civis.lookups().databaseId("redshift-general");
 * long table = civis.lookups().tableId("public.people", "redshift-general");
 * </pre>
 */
public final class CivisLookups {

    /** The most items a lookup reads from one list. */
    private static final int MAX_LISTED = 10_000;

    private final DatabasesApi databases;
    private final TablesApi tables;
    private final CredentialsApi credentials;
    private final StorageHostsApi storageHosts;
    private final UsersApi users;
    private final LookupCache cache;

    /**
     * @param databases the databases API
     * @param tables the tables API
     * @param credentials the credentials API
     * @param storageHosts the storage hosts API
     * @param users the users API
     * @param cache where answers are kept
     */
    public CivisLookups(DatabasesApi databases, TablesApi tables, CredentialsApi credentials,
            StorageHostsApi storageHosts, UsersApi users, LookupCache cache) {
        this.databases = databases;
        this.tables = tables;
        this.credentials = credentials;
        this.storageHosts = storageHosts;
        this.users = users;
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** These lookups with another cache. */
    public CivisLookups withCache(LookupCache other) {
        return new CivisLookups(databases, tables, credentials, storageHosts, users, other);
    }

    /**
     * The id of a database ({@code GET /databases}).
     * @param name the database's name
     * @return its id
     * @throws CivisLookupException when no database, or several, has that name
     */
    public long databaseId(String name) {
        requireText(name, "database name");
        return cache.get("database:" + name, () -> {
            List<Database> all = databases.list();
            return named("database", name, "", all, Database::name, Database::id)
                .orElseThrow(() -> new CivisLookupException("database", name,
                        ClosestNames.to(name, names(all, Database::name)), ""));
        });
    }

    /**
     * The id of a table ({@code GET /tables?databaseId&schema&name}).
     * @param qualifiedName {@code schema.table}, either part double-quoted when it holds a dot
     * @param database the database's name
     * @return its id
     * @throws IllegalArgumentException when the name is not of the form {@code schema.table}
     * @throws CivisLookupException when no database or table, or several, has that name
     */
    public long tableId(String qualifiedName, String database) {
        TableName name = TableName.parse(qualifiedName);
        long databaseId = databaseId(database);
        String qualified = name.sql();
        String where = " in database '" + database + "'";
        return cache.get("table:" + databaseId + ":" + name.schema() + "." + name.table(), () -> {
            // The filters match '*' and '%' as wildcards and ignore case: every page of what they
            // match is read, so that the exact name is found wherever it sorts.
            List<DatabaseTable> found;
            try (Stream<DatabaseTable> matched = tables.listAll(q -> q.databaseId(databaseId).schema(name.schema())
                .name(name.table()))) {
                found = matched.limit(MAX_LISTED).toList();
            }
            Optional<Long> id = named("table", qualified, where, found, CivisLookups::qualifiedName, DatabaseTable::id);
            if (id.isPresent()) {
                return id.get();
            }
            if (!found.isEmpty()) {
                throw CivisLookupException.inexact("table", qualified, names(found, CivisLookups::qualifiedName), where);
            }
            List<String> known;
            try (Stream<DatabaseTable> all = tables.listAll(q -> q.databaseId(databaseId))) {
                known = all.limit(MAX_LISTED).map(CivisLookups::qualifiedName).toList();
            }
            throw new CivisLookupException("table", qualified, ClosestNames.to(qualified, known), where);
        });
    }

    /**
     * The id of a credential of the current user ({@code GET /credentials?name=}).
     * @param name the credential's name
     * @return its id
     * @throws CivisLookupException when none, or several, has that name
     */
    public long credentialId(String name) {
        requireText(name, "credential name");
        return cache.get("credential:" + name, () -> {
            List<Credential> all;
            try (Stream<Credential> every = credentials.listAll(q -> { })) {
                all = every.limit(MAX_LISTED).toList();
            }
            return named("credential", name, "", all, Credential::name, Credential::id)
                .orElseThrow(() -> new CivisLookupException("credential", name,
                        ClosestNames.to(name, names(all, Credential::name)), ""));
        });
    }

    /**
     * The id of a storage host ({@code GET /storage_hosts}).
     * @param name the storage host's name
     * @return its id
     * @throws CivisLookupException when none, or several, has that name
     */
    public long storageHostId(String name) {
        requireText(name, "storage host name");
        return cache.get("storageHost:" + name, () -> {
            List<StorageHost> all = storageHosts.list();
            return named("storage host", name, "", all, StorageHost::name, StorageHost::id)
                .orElseThrow(() -> new CivisLookupException("storage host", name,
                        ClosestNames.to(name, names(all, StorageHost::name)), ""));
        });
    }

    /**
     * The current user's default database credential
     * ({@code GET /credentials?type=Database&default=true}), as civis-python's
     * {@code default_database_credential_id}.
     * @return its id
     * @throws CivisLookupException when the user has none (or the platform answers several)
     */
    public long defaultDatabaseCredentialId() {
        return cache.get("defaultDatabaseCredential", () -> {
            // Checked here too: a platform that ignored a filter would otherwise hand over any credential.
            List<Credential> defaults = credentials.list(q -> q.type("Database").isDefault(true)).stream()
                .filter(c -> Boolean.TRUE.equals(c.isDefault()) && "Database".equalsIgnoreCase(c.type()))
                .toList();
            if (defaults.size() > 1) {
                throw CivisLookupException.ambiguous("default database credential", "(default)",
                        described(defaults, Credential::name, Credential::id), "");
            }
            return defaults.stream().findFirst().map(Credential::id)
                .orElseThrow(() -> new CivisLookupException("default database credential", "(default)", List.of(), ""));
        });
    }

    /** The current user's user name ({@code GET /users/me}). */
    public String username() {
        return cache.get("username", () -> users.getMe().username());
    }

    /**
     * The id of the one item named {@code name}: the one of exactly that name, else the only one
     * of that name ignoring case; empty when none is.
     * @throws CivisLookupException when several are
     */
    private static <T> Optional<Long> named(String kind, String name, String where, List<T> items,
            Function<T, @Nullable String> nameOf, Function<T, @Nullable Long> idOf) {
        List<T> exact = items.stream().filter(item -> name.equals(nameOf.apply(item))).toList();
        List<T> chosen = exact.isEmpty()
                ? items.stream().filter(item -> name.equalsIgnoreCase(nameOf.apply(item))).toList()
                : exact;
        if (chosen.size() > 1) {
            throw CivisLookupException.ambiguous(kind, name, described(chosen, nameOf, idOf), where);
        }
        return chosen.stream().findFirst().map(idOf);
    }

    private static <T> List<String> described(List<T> items, Function<T, @Nullable String> nameOf,
            Function<T, @Nullable Long> idOf) {
        return items.stream().map(item -> "'" + nameOf.apply(item) + "' (id " + idOf.apply(item) + ")").toList();
    }

    private static <T> List<String> names(List<T> items, Function<T, @Nullable String> nameOf) {
        return items.stream().map(nameOf).filter(Objects::nonNull).distinct().toList();
    }

    /** The table's name as SQL writes it, so that names with a dot in a part stay apart. */
    private static String qualifiedName(DatabaseTable table) {
        String schema = table.schema();
        String name = table.name();
        return (schema == null || schema.isBlank() || name == null || name.isBlank()) ? schema + "." + name
                : new TableName(schema, name).sql();
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be blank");
        }
    }
}
