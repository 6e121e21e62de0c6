package io.github.civis.simulator.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.civis.catalog.CatalogOperation;
import io.github.civis.simulator.http.RouteTable.RouteMatch;
import io.github.civis.simulator.state.JobRuns;
import io.github.civis.simulator.state.SimulatedUser;
import io.github.civis.simulator.state.StoredObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Objects of the catalog's collections, driven by the shape of the routes: {@code POST /x}
 * creates, {@code GET /x} lists, {@code GET/PUT/PATCH/DELETE /x/{id}} act on one object; with
 * their shares, project membership, archiving and copies, and the users ({@code /users/me}).
 */
final class ObjectEndpoints extends ApiArea {

    private final FileEndpoints fileEndpoints;

    ObjectEndpoints(State state, FileEndpoints fileEndpoints) {
        super(state);
        this.fileEndpoints = fileEndpoints;
    }

    /** {@code POST} to a collection: a new object, with the platform's defaults, stamps and author. */
    SimulatorResponse create(RouteMatch match, SimulatorRequest request, ObjectNode body, SimulatedUser caller) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(match.segments().length);
        JsonNode templateId = body.get("fromTemplateId");
        if (collection.equals("/scripts/custom") && templateId != null && templateId.isIntegralNumber()
                && store.get("/templates/scripts", templateId.asLong()).isEmpty()) {
            return CivisErrors.notFound("No script template " + templateId.asLong() + ".");
        }
        long id = store.nextId();
        String typeName = namedType(operation.responseType());
        ObjectNode object = (typeName != null) ? newObject(typeName) : NODES.objectNode();
        String now = runs.now();
        if (object.has("name")) {
            object.put("name", typeName + " #" + id);
        }
        object.setAll(body);
        SqlJobs.platformDefaults(collection, object, body);
        object.put("id", id);
        stamp(object, now, true);
        attribute(object, caller);
        if (body.path("expiresIn").isIntegralNumber() && object.has("expiresAt")) {
            object.put("expiresAt", JobRuns.format(files.now().plusSeconds(body.get("expiresIn").asLong())));
        }
        if (collection.equals("/files")) {
            fileEndpoints.presign(object, id);
            fileEndpoints.defaultExpiry(object, body);
            fileDefaults(object, caller);
        }
        store.add(collection, id, caller.id(), object);
        SimulatorResponse response = respond(operation, object);
        return response.withHeader("Location", baseUrl.get() + collection.substring(1) + "/" + id);
    }

    /** {@code GET} of a collection: its objects, filtered as the route documents, newest first unless asked, paged. */
    SimulatorResponse list(RouteMatch match, SimulatorRequest request) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(match.segments().length);
        List<StoredObject> objects = store.list(collectionFilter(collection));
        List<JsonNode> bodies = new ArrayList<>();
        for (StoredObject object : objects) {
            ObjectNode view = view(object);
            if (ListFilters.matches(operation, object, view, request)) {
                bodies.add(view);
            }
        }
        if (!"asc".equalsIgnoreCase(request.queryValue("orderDir"))) {
            java.util.Collections.reverse(bodies);
        }
        return page(match, request, bodies);
    }

    /** {@code GET}, {@code PUT}, {@code PATCH} or {@code DELETE} of one object. */
    SimulatorResponse item(RouteMatch match, int idIndex, ObjectNode body) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(idIndex);
        long id = Long.parseLong(match.segments()[idIndex]);
        Optional<StoredObject> found = find(collection, id);
        if (found.isEmpty()) {
            return notFoundObject(collection, id);
        }
        StoredObject stored = found.get();
        switch (operation.verb()) {
            case "DELETE" -> {
                if (operation.responseType() == null) {
                    store.remove(stored);
                    return SimulatorResponse.empty(operation.responseStatus());
                }
                // A DELETE that answers with the object archives it, as the API does for queries.
                ObjectNode archived = stored.body().deepCopy();
                archived.put("archived", true);
                store.update(stored, archived);
                return respond(operation, view(stored));
            }
            case "PUT", "PATCH" -> {
                ObjectNode updated = stored.body().deepCopy();
                // The id, as in the API, is not changed by an update.
                body.remove("id");
                updated.setAll(body);
                stamp(updated, runs.now(), false);
                store.update(stored, updated);
                return respond(operation, view(stored));
            }
            default -> {
                return respond(operation, view(stored));
            }
        }
    }

    /** {@code PUT …/{id}/archive}: archives or restores an object. */
    SimulatorResponse archive(RouteMatch match, int idIndex, ObjectNode body) {
        String collection = match.prefix(idIndex);
        long id = Long.parseLong(match.segments()[idIndex]);
        Optional<StoredObject> found = find(collection, id);
        if (found.isEmpty()) {
            return notFoundObject(collection, id);
        }
        ObjectNode updated = found.get().body().deepCopy();
        JsonNode status = body.get("status");
        updated.put("archived", status == null || status.asBoolean());
        store.update(found.get(), updated);
        return respond(match.route().operation(), view(found.get()));
    }

    /** {@code POST …/{id}/clone}: a copy of an object, owned by the caller. */
    SimulatorResponse cloneObject(RouteMatch match, int idIndex, SimulatedUser caller) {
        String collection = match.prefix(idIndex);
        long id = Long.parseLong(match.segments()[idIndex]);
        Optional<StoredObject> found = find(collection, id);
        if (found.isEmpty()) {
            return notFoundObject(collection, id);
        }
        long cloneId = store.nextId();
        ObjectNode copy = found.get().body().deepCopy();
        copy.put("id", cloneId);
        if (copy.has("name")) {
            copy.put("name", "Clone of " + copy.path("name").asString(""));
        }
        stamp(copy, runs.now(), true);
        attribute(copy, caller);
        store.add(found.get().collection(), cloneId, caller.id(), copy);
        return respond(match.route().operation(), copy);
    }

    /** {@code …/{id}/shares…}: an object's shares, listed, added or removed. */
    SimulatorResponse shares(RouteMatch match, int sharesIndex, ObjectNode body, SimulatedUser caller) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(sharesIndex - 1);
        String idText = match.segments()[sharesIndex - 1];
        Optional<StoredObject> found = isLong(idText) ? find(collection, Long.parseLong(idText)) : Optional.empty();
        if (found.isEmpty()) {
            return CivisErrors.notFound("No object " + idText + " in " + collection);
        }
        StoredObject object = found.get();
        String[] s = match.segments();
        int rest = s.length - sharesIndex - 1;
        if (rest == 0) {
            return respond(operation, NODES.arrayNode().add(shareView(object)));
        }
        boolean users = s[sharesIndex + 1].equals("users");
        Map<Long, String> shares = users ? object.userShares() : object.groupShares();
        if (rest == 1 && operation.verb().equals("PUT")) {
            String level = body.path("permissionLevel").asString("read");
            JsonNode ids = body.path(users ? "userIds" : "groupIds");
            store.locked(() -> {
                ids.forEach(id -> shares.put(id.asLong(), level));
                return null;
            });
            return respond(operation, shareView(object));
        }
        if (rest == 2 && operation.verb().equals("DELETE") && isLong(s[sharesIndex + 2])) {
            long id = Long.parseLong(s[sharesIndex + 2]);
            boolean removed = store.locked(() -> shares.remove(id) != null);
            return removed ? SimulatorResponse.empty(operation.responseStatus())
                    : CivisErrors.notFound("Object " + object.id() + " is not shared with " + (users ? "user " : "group ") + id);
        }
        return sampleAnswer(match, null);
    }

    private JsonNode shareView(StoredObject object) {
        ObjectNode share = NODES.objectNode();
        Map<String, String> levels = Map.of("read", "readers", "write", "writers", "manage", "owners");
        for (String role : List.of("readers", "writers", "owners")) {
            ObjectNode entry = share.putObject(role);
            entry.putArray("users");
            entry.putArray("groups");
        }
        store.locked(() -> {
            ownerEntry(share, object.ownerId());
            object.userShares().forEach((id, level) -> {
                ObjectNode user = ((ArrayNode) share.path(levels.getOrDefault(level, "readers")).get("users")).addObject();
                user.put("id", id);
                user.put("name", userName(id));
            });
            object.groupShares().forEach((id, level) -> {
                ObjectNode group = ((ArrayNode) share.path(levels.getOrDefault(level, "readers")).get("groups")).addObject();
                group.put("id", id);
                group.put("name", "Group " + id);
            });
            share.put("totalUserShares", object.userShares().size() + 1);
            share.put("totalGroupShares", object.groupShares().size());
            return null;
        });
        return samples.shape("Share", share);
    }

    private void ownerEntry(ObjectNode share, long ownerId) {
        ObjectNode owner = ((ArrayNode) share.path("owners").get("users")).addObject();
        owner.put("id", ownerId);
        owner.put("name", userName(ownerId));
    }

    private String userName(long id) {
        return store.find(id, "/users"::equals).map(u -> u.body().path("name").asString("User " + id))
            .orElse("User " + id);
    }

    /** {@code PUT/DELETE …/{id}/projects/{project_id}}: adds an object to a project or takes it out. */
    SimulatorResponse projectMembership(RouteMatch match, int idIndex) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(idIndex);
        String idText = match.segments()[idIndex];
        String projectText = match.segments()[match.segments().length - 1];
        Optional<StoredObject> found = isLong(idText) ? find(collection, Long.parseLong(idText)) : Optional.empty();
        if (found.isEmpty() || !isLong(projectText)) {
            return CivisErrors.notFound("No object " + idText + " in " + collection);
        }
        long projectId = Long.parseLong(projectText);
        boolean changed = store.locked(() -> operation.verb().equals("DELETE") ? found.get().projects().remove(projectId)
                : found.get().projects().add(projectId) || true);
        return changed ? SimulatorResponse.empty(operation.responseStatus())
                : CivisErrors.notFound("Object " + idText + " is not in project " + projectId);
    }

    /** {@code GET …/{id}/projects}: the projects an object is in. */
    SimulatorResponse projectsOf(RouteMatch match, int idIndex) {
        CatalogOperation operation = match.route().operation();
        String collection = match.prefix(idIndex);
        String idText = match.segments()[idIndex];
        Optional<StoredObject> found = isLong(idText) ? find(collection, Long.parseLong(idText)) : Optional.empty();
        if (found.isEmpty()) {
            return CivisErrors.notFound("No object " + idText + " in " + collection);
        }
        ArrayNode projects = NODES.arrayNode();
        List<Long> ids = store.locked(() -> List.copyOf(found.get().projects()));
        for (long projectId : ids) {
            ObjectNode project = store.get("/projects", projectId).map(p -> p.body().deepCopy())
                .orElseGet(NODES::objectNode);
            project.put("id", projectId);
            if (!project.has("name")) {
                project.put("name", "Project #" + projectId);
            }
            projects.add(project);
        }
        return respond(operation, projects);
    }

    /** {@code /users/me}: the caller, shown or updated. */
    SimulatorResponse me(CatalogOperation operation, ObjectNode body, SimulatedUser caller) {
        StoredObject user = store.find(caller.id(), "/users"::equals)
            .orElseThrow(() -> new IllegalStateException("No stored user " + caller.id()));
        if (operation.verb().equals("PATCH")) {
            ObjectNode updated = user.body().deepCopy();
            body.remove("id");
            updated.setAll(body);
            store.update(user, updated);
        }
        return respond(operation, store.locked(() -> user.body().deepCopy()));
    }

    /** Makes the body of a new user, stored under {@code /users}. */
    public void addUser(SimulatedUser user) {
        ObjectNode body = samples.sampleObject("UserMe");
        body.put("id", user.id());
        body.put("name", user.name());
        body.put("username", user.username());
        body.put("email", user.username() + "@example.com");
        body.put("initials", user.initials());
        body.put("createdAt", runs.now());
        body.put("active", true);
        store.add("/users", user.id(), user.id(), body);
    }
}
