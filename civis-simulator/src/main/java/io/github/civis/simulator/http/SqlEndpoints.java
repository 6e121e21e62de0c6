package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.civis.catalog.CatalogOperation;
import io.github.civis.simulator.http.RouteTable.RouteMatch;
import io.github.civis.simulator.state.JobRuns;
import io.github.civis.simulator.state.SimulatedUser;
import io.github.civis.simulator.state.StoredObject;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.simulator.sql.SeededTable;
import io.github.civis.simulator.sql.SimulatedDatabases;
import io.github.civis.simulator.sql.SqlEngine;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded databases and tables ({@code /databases}, {@code /tables}, {@code /remote_hosts}), the
 * queries over them ({@code POST /queries}), imports' syncs, and the seeding itself; the state
 * lives in the {@code sql} package.
 */
final class SqlEndpoints extends ApiArea {

    SqlEndpoints(State state) {
        super(state);
    }

    /** Adds what a seed holds: databases, tables, credentials, storage hosts. */
    public void seed(Seed seed) {
        SimulatedUser owner = firstUser();
        for (String name : seed.databases()) {
            boolean first = databases.databases().isEmpty();
            SimulatedDatabases.Database database = databases.addDatabase(name);
            if (owner != null && store.list("/credentials"::equals).stream()
                .noneMatch(c -> c.body().path("remoteHostId").asLong() == database.id())) {
                ObjectNode credential = newObject("Credential");
                credential.put("name", owner.username() + " on " + database.name());
                credential.put("type", "Database");
                credential.put("username", owner.username());
                credential.put("remoteHostId", database.id());
                credential.put("remoteHostName", database.name());
                credential.put("default", first);
                addOwned("/credentials", credential, owner);
            }
        }
        for (Seed.TableSeed table : seed.tables()) {
            long databaseId = databases.addDatabase(table.database()).id();
            databases.putTable(databaseId, table.schema(), table.name(), table.columns(), table.rows());
        }
        for (String host : seed.storageHosts()) {
            ObjectNode storageHost = newObject("StorageHost");
            storageHost.put("name", host);
            storageHost.put("provider", "s3");
            storageHost.put("bucket", host);
            addOwned("/storage_hosts", storageHost, owner);
        }
        for (Seed.CredentialSeed seeded : seed.credentials()) {
            ObjectNode credential = newObject("Credential");
            credential.put("name", seeded.name());
            credential.put("type", seeded.type());
            credential.put("default", false);
            credential.putNull("remoteHostId");
            addOwned("/credentials", credential, owner);
        }
    }

    private @Nullable SimulatedUser firstUser() {
        List<StoredObject> users = store.list("/users"::equals);
        if (users.isEmpty()) {
            return null;
        }
        JsonNode user = users.get(0).body();
        return new SimulatedUser(users.get(0).id(), user.path("username").asString("simulator"));
    }

    private void addOwned(String collection, ObjectNode body, @Nullable SimulatedUser owner) {
        long id = store.nextId();
        body.put("id", id);
        stamp(body, runs.now(), true);
        if (owner != null) {
            attribute(body, owner);
        }
        store.add(collection, id, (owner != null) ? owner.id() : 0, body);
    }

    /** Answers the routes over seeded databases and tables; {@code null} for any other route. */
    @Nullable SimulatorResponse seededData(RouteMatch match, SimulatorRequest request, ObjectNode body,
            SimulatedUser caller) {
        String template = match.route().template();
        String verb = match.route().operation().verb();
        CatalogOperation operation = match.route().operation();
        String id = match.pathValues().get("id");
        switch (verb + " " + template) {
            case "GET /databases" -> {
                List<JsonNode> all = new ArrayList<>();
                databases.databases().forEach(d -> all.add(databaseView(d)));
                return page(match, request, all);
            }
            case "GET /databases/{id}" -> {
                return databaseOf(id).map(d -> respond(operation, databaseView(d)))
                    .orElseGet(() -> CivisErrors.notFound("No database " + id + "."));
            }
            case "GET /databases/{id}/tables", "GET /databases/{id}/tables-search" -> {
                Optional<SimulatedDatabases.Database> database = databaseOf(id);
                if (database.isEmpty()) {
                    return CivisErrors.notFound("No database " + id + ".");
                }
                String name = request.queryValue("name");
                List<JsonNode> all = new ArrayList<>();
                databases.tables(database.get().id()).stream()
                    .filter(t -> name == null || nameMatches(t.name(), name) || nameMatches(t.qualifiedName(), name))
                    .forEach(t -> all.add(tableView(t, false)));
                return page(match, request, all);
            }
            case "GET /databases/{id}/schemas" -> {
                Optional<SimulatedDatabases.Database> database = databaseOf(id);
                if (database.isEmpty()) {
                    return CivisErrors.notFound("No database " + id + ".");
                }
                ArrayNode schemas = NODES.arrayNode();
                databases.tables(database.get().id()).stream().map(SeededTable::schema).distinct()
                    .forEach(schema -> schemas.addObject().put("schema", schema));
                return respond(operation, schemas);
            }
            case "GET /tables" -> {
                String databaseId = request.queryValue("databaseId");
                String schema = request.queryValue("schema");
                String name = request.queryValue("name");
                List<JsonNode> all = new ArrayList<>();
                for (SeededTable table : databases.tables(null)) {
                    if ((databaseId == null || String.valueOf(table.databaseId()).equals(databaseId))
                            && (schema == null || nameMatches(table.schema(), schema))
                            && (name == null || nameMatches(table.name(), name))) {
                        all.add(tableView(table, false));
                    }
                }
                return page(match, request, all);
            }
            case "GET /tables/{id}" -> {
                return tableOf(id).map(t -> respond(operation, tableView(t, true)))
                    .orElseGet(() -> notFoundTable(id));
            }
            case "GET /tables/{id}/columns" -> {
                Optional<SeededTable> table = tableOf(id);
                if (table.isEmpty()) {
                    return notFoundTable(id);
                }
                List<JsonNode> all = new ArrayList<>();
                tableView(table.get(), true).path("columns").forEach(all::add);
                return page(match, request, all);
            }
            case "POST /tables/{id}/refresh" -> {
                Optional<SeededTable> table = tableOf(id);
                if (table.isEmpty()) {
                    return notFoundTable(id);
                }
                runs.start(table.get().id(), null);
                return respond(operation, tableView(table.get(), true));
            }
            case "GET /remote_hosts" -> {
                ArrayNode hosts = NODES.arrayNode();
                for (SimulatedDatabases.Database database : databases.databases()) {
                    ObjectNode host = hosts.addObject();
                    host.put("id", database.id());
                    host.put("name", database.name());
                    host.put("type", "RemoteHostTypes::Redshift");
                    host.put("url", "jdbc:redshift://" + database.name() + ".simulator.invalid:5439/dev");
                }
                return respond(operation, hosts);
            }
            case "POST /queries" -> {
                return query(match, body, caller);
            }
            case "POST /imports/{id}/syncs" -> {
                return addSync(match, id, body);
            }
            default -> {
                return null;
            }
        }
    }

    private Optional<SimulatedDatabases.Database> databaseOf(@Nullable String id) {
        return (id != null && isLong(id)) ? databases.database(Long.parseLong(id)) : Optional.empty();
    }

    private Optional<SeededTable> tableOf(@Nullable String id) {
        return (id != null && isLong(id)) ? databases.table(Long.parseLong(id)) : Optional.empty();
    }

    private static SimulatorResponse notFoundTable(@Nullable String id) {
        return CivisErrors.notFound("The requested resource could not be found: no table " + id + ".");
    }

    /** The platform's name filter: case-insensitive, with {@code %} and {@code *} as wildcards. */
    private static boolean nameMatches(String actual, String filter) {
        return NameWildcards.matches(actual, filter);
    }

    private static ObjectNode databaseView(SimulatedDatabases.Database database) {
        ObjectNode node = NODES.objectNode();
        node.put("id", database.id());
        node.put("name", database.name());
        node.put("adapter", database.adapter());
        return node;
    }

    private ObjectNode tableView(SeededTable table, boolean withColumns) {
        ObjectNode node = NODES.objectNode();
        node.put("id", table.id());
        node.put("databaseId", table.databaseId());
        node.put("schema", table.schema());
        node.put("name", table.name());
        node.put("isView", false);
        node.put("rowCount", table.rows().size());
        node.put("columnCount", table.columns().size());
        node.put("owner", "dbadmin");
        List<JobRuns.Run> refreshes = runs.list(table.id());
        if (refreshes.isEmpty()) {
            node.put("refreshStatus", "current");
            node.putNull("lastRun");
        }
        else {
            ObjectNode last = runs.view(refreshes.get(0), false);
            node.put("refreshStatus", JobRuns.isFinal(last.path("state").asString("")) ? "current" : "refreshing");
            node.set("lastRun", last);
            node.set("lastRefresh", last.get("finishedAt"));
        }
        if (withColumns) {
            ArrayNode columns = node.putArray("columns");
            int order = 1;
            for (SeededTable.Column column : table.columns()) {
                ObjectNode entry = columns.addObject();
                entry.put("name", column.name());
                entry.put("sqlType", column.sqlType());
                entry.put("order", order++);
            }
        }
        return node;
    }

    /** {@code POST /queries}: runs the SQL at once, keeping up to {@code previewRows} rows as the preview. */
    private SimulatorResponse query(RouteMatch match, ObjectNode body, SimulatedUser caller) {
        CatalogOperation operation = match.route().operation();
        long id = store.nextId();
        String typeName = namedType(operation.responseType());
        ObjectNode query = (typeName != null) ? newObject(typeName) : NODES.objectNode();
        query.setAll(body);
        query.put("id", id);
        stamp(query, runs.now(), true);
        query.putNull("scriptId");
        query.put("hidden", body.path("hidden").asBoolean(false));
        ArrayNode columns = query.putArray("resultColumns");
        ArrayNode rows = query.putArray("resultRows");
        int previewRows = Math.max(0, Math.min(100, body.path("previewRows").asInt(100)));
        String failure = SqlJobs.failure(body);
        if (failure == null) {
            try {
                Optional<SqlEngine.Result> result = sql.select(body.path("database").asLong(-1), body.path("sql").asString(""),
                        previewRows);
                if (result.isPresent()) {
                    result.get().columns().forEach(columns::add);
                    int taken = 0;
                    for (List<@Nullable String> row : result.get().rows()) {
                        if (taken++ >= previewRows) {
                            break;
                        }
                        ArrayNode cells = rows.addArray();
                        row.forEach(cell -> {
                            if (cell == null) {
                                cells.addNull();
                            }
                            else {
                                cells.add(cell);
                            }
                        });
                    }
                }
            }
            catch (SqlEngine.SqlException ex) {
                failure = ex.platformMessage();
            }
        }
        JobRuns.Run run = runs.start(id, failure);
        query.put("lastRunId", run.id());
        if (failure != null) {
            query.put("error", failure);
        }
        else {
            query.putNull("error");
        }
        StoredObject stored = store.add(match.prefix(match.segments().length), id, caller.id(), query);
        return respond(operation, view(stored));
    }

    /** {@code POST /imports/{id}/syncs}: adds a sync to the import's {@code syncs}, which its runs carry out. */
    private SimulatorResponse addSync(RouteMatch match, @Nullable String id, ObjectNode body) {
        Optional<StoredObject> job = (id != null && isLong(id))
                ? store.find(Long.parseLong(id), c -> c.startsWith("/imports") && !c.equals("/imports/syncs"))
                : Optional.empty();
        if (job.isEmpty()) {
            return CivisErrors.notFound("No import " + id + ".");
        }
        ObjectNode sync = body.deepCopy();
        long syncId = store.nextId();
        sync.put("id", syncId);
        String syncs = "/imports/syncs";
        store.add(syncs, syncId, job.get().ownerId(), sync);
        store.locked(() -> {
            // The import's own syncs only: a new import's answer is filled with a sample sync.
            ArrayNode list = NODES.arrayNode();
            job.get().body().path("syncs").forEach(existing -> {
                if (store.get(syncs, existing.path("id").asLong(-1)).isPresent()) {
                    list.add(existing);
                }
            });
            list.add(sync);
            job.get().body().set("syncs", list);
            return null;
        });
        return respond(match.route().operation(), sync.deepCopy());
    }
}
