package io.github.civis.simulator.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import tools.jackson.databind.node.ObjectNode;

/**
 * Every object created through the simulated API, by collection. A collection is the concrete
 * path objects are created under ({@code /credentials}, {@code /scripts/sql},
 * {@code /users/5/api_keys}). All objects take ids from one counter: Civis gives a script and
 * its job the same id, and a shared id space makes {@code /jobs/{id}} find any script.
 */
public final class ObjectStore {

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, TreeMap<Long, StoredObject>> collections = new HashMap<>();
    private final Map<Long, StoredObject> byId = new HashMap<>();

    /** A fresh id from the shared counter. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** Stores a new object whose body already carries its {@code id}. */
    public synchronized StoredObject add(String collection, long id, long ownerId, ObjectNode body) {
        StoredObject stored = new StoredObject(id, collection, ownerId, body);
        collections.computeIfAbsent(collection, c -> new TreeMap<>()).put(id, stored);
        byId.put(id, stored);
        return stored;
    }

    /** The object of that id in that collection. */
    public synchronized Optional<StoredObject> get(String collection, long id) {
        TreeMap<Long, StoredObject> objects = collections.get(collection);
        return Optional.ofNullable(objects != null ? objects.get(id) : null);
    }

    /** The object of that id in any collection the filter accepts. */
    public synchronized Optional<StoredObject> find(long id, Predicate<String> collectionFilter) {
        StoredObject stored = byId.get(id);
        return (stored != null && collectionFilter.test(stored.collection())) ? Optional.of(stored) : Optional.empty();
    }

    /** Replaces an object's fields. */
    public synchronized void update(StoredObject stored, ObjectNode body) {
        stored.body(body);
    }

    /** Removes an object; returns whether it was there. */
    public synchronized boolean remove(StoredObject stored) {
        TreeMap<Long, StoredObject> objects = collections.get(stored.collection());
        byId.remove(stored.id());
        return objects != null && objects.remove(stored.id()) != null;
    }

    /** The objects of every collection the filter accepts, by id. */
    public synchronized List<StoredObject> list(Predicate<String> collectionFilter) {
        TreeMap<Long, StoredObject> all = new TreeMap<>();
        collections.forEach((name, objects) -> {
            if (collectionFilter.test(name)) {
                all.putAll(objects);
            }
        });
        return new ArrayList<>(all.values());
    }

    /** Forgets every object and starts the id counter again from 1, as when new. */
    public synchronized void clear() {
        collections.clear();
        byId.clear();
        ids.set(0);
    }

    /** Runs an action under the store's lock, for changes that span several fields. */
    public synchronized <T> T locked(java.util.function.Supplier<T> action) {
        return action.get();
    }
}
