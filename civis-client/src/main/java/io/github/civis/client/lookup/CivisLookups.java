package io.github.civis.client.lookup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

/**
 * Names to ids, as civis-python's {@code get_database_id}, {@code get_table_id} and friends,
 * each answer cached ({@link LookupCache}) so that repeated lookups cost no API call until the
 * entry expires. A name that names nothing raises {@link CivisLookupException} listing the
 * closest existing names. Thread-safe.
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
     * @param name the database's name (case-insensitive)
     * @return its id
     * @throws CivisLookupException when no database has that name
     */
    public long databaseId(String name) {
        requireText(name, "database name");
        return cache.get("database:" + name, () -> {
            List<Database> all = databases.list();
            return all.stream().filter(d -> name.equals(d.name())).findFirst()
                .or(() -> all.stream().filter(d -> name.equalsIgnoreCase(d.name())).findFirst())
                .map(Database::id)
                .orElseThrow(() -> new CivisLookupException("database", name,
                        ClosestNames.to(name, all.stream().map(Database::name).toList()), ""));
        });
    }

    /**
     * The id of a table ({@code GET /tables?databaseId&schema&name}).
     * @param qualifiedName {@code schema.table}, either part double-quoted when it holds a dot
     * @param database the database's name
     * @return its id
     * @throws IllegalArgumentException when the name is not of the form {@code schema.table}
     * @throws CivisLookupException when the database or table does not exist
     */
    public long tableId(String qualifiedName, String database) {
        TableName name = TableName.parse(qualifiedName);
        long databaseId = databaseId(database);
        return cache.get("table:" + databaseId + ":" + name.schema() + "." + name.table(), () -> {
            List<DatabaseTable> found = tables.list(q -> q.databaseId(databaseId).schema(name.schema())
                .name(name.table()));
            Optional<DatabaseTable> exact = found.stream()
                .filter(t -> name.table().equalsIgnoreCase(t.name()) && name.schema().equalsIgnoreCase(t.schema()))
                .findFirst();
            if (exact.isPresent()) {
                return exact.get().id();
            }
            if (!found.isEmpty()) {
                return found.get(0).id();
            }
            List<String> known;
            try (Stream<DatabaseTable> all = tables.listAll(q -> q.databaseId(databaseId))) {
                known = all.limit(10_000).map(t -> t.schema() + "." + t.name()).toList();
            }
            throw new CivisLookupException("table", name.schema() + "." + name.table(),
                    ClosestNames.to(name.schema() + "." + name.table(), known), " in database '" + database + "'");
        });
    }

    /**
     * The id of a credential of the current user ({@code GET /credentials?name=}).
     * @param name the credential's name
     * @return its id
     * @throws CivisLookupException when none has that name
     */
    public long credentialId(String name) {
        requireText(name, "credential name");
        return cache.get("credential:" + name, () -> {
            List<Credential> all;
            try (Stream<Credential> every = credentials.listAll(q -> { })) {
                all = every.limit(10_000).toList();
            }
            return all.stream().filter(c -> name.equals(c.name())).findFirst()
                .map(Credential::id)
                .orElseThrow(() -> new CivisLookupException("credential", name,
                        ClosestNames.to(name, all.stream().map(Credential::name).filter(Objects::nonNull).toList()), ""));
        });
    }

    /**
     * The id of a storage host ({@code GET /storage_hosts}).
     * @param name the storage host's name
     * @return its id
     * @throws CivisLookupException when none has that name
     */
    public long storageHostId(String name) {
        requireText(name, "storage host name");
        return cache.get("storageHost:" + name, () -> {
            List<StorageHost> all = storageHosts.list();
            return all.stream().filter(h -> name.equals(h.name())).findFirst()
                .map(StorageHost::id)
                .orElseThrow(() -> new CivisLookupException("storage host", name,
                        ClosestNames.to(name, all.stream().map(StorageHost::name).filter(Objects::nonNull).toList()), ""));
        });
    }

    /**
     * The current user's default database credential
     * ({@code GET /credentials?type=Database&default=true}), as civis-python's
     * {@code default_database_credential_id}.
     * @return its id
     * @throws CivisLookupException when the user has none
     */
    public long defaultDatabaseCredentialId() {
        return cache.get("defaultDatabaseCredential", () -> credentials.list(q -> q.type("Database").isDefault(true))
            .stream().findFirst().map(Credential::id)
            .orElseThrow(() -> new CivisLookupException("default database credential", "(default)", List.of(), "")));
    }

    /** The current user's user name ({@code GET /users/me}). */
    public String username() {
        return cache.get("username", () -> users.getMe().username());
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be blank");
        }
    }
}
