package io.github.civis.simulator.state;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

/**
 * An object created through the API, with what the API keeps beside its fields: who it is
 * shared with and which projects hold it. Guarded by the {@link ObjectStore}'s lock.
 */
public final class StoredObject {

    private final long id;
    private final String collection;
    private final long ownerId;
    private ObjectNode body;
    private final Map<Long, String> userShares = new LinkedHashMap<>();
    private final Map<Long, String> groupShares = new LinkedHashMap<>();
    private final Set<Long> projects = new LinkedHashSet<>();

    StoredObject(long id, String collection, long ownerId, ObjectNode body) {
        this.id = id;
        this.collection = collection;
        this.ownerId = ownerId;
        this.body = body;
    }

    /** The object's id. */
    public long id() {
        return id;
    }

    /** The concrete path of the collection that holds it, e.g. {@code /scripts/sql}. */
    public String collection() {
        return collection;
    }

    /** The id of the user who created it. */
    public long ownerId() {
        return ownerId;
    }

    /** Its fields as stored (a live node: copy before handing it out). */
    public ObjectNode body() {
        return body;
    }

    void body(ObjectNode body) {
        this.body = body;
    }

    /** Permission level by user id of the users it is shared with. */
    public Map<Long, String> userShares() {
        return userShares;
    }

    /** Permission level by group id of the groups it is shared with. */
    public Map<Long, String> groupShares() {
        return groupShares;
    }

    /** Ids of the projects that hold it. */
    public Set<Long> projects() {
        return projects;
    }
}
