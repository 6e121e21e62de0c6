package io.github.civis.client.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The client's own lookup cache: entries expire after a time to live, and past the size bound
 * the least recently used entry goes. Thread-safe; a value is loaded outside the lock, so two
 * threads missing the same key at once may both load it.
 */
public final class BoundedLookupCache implements LookupCache {

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<String, Entry> entries;

    /**
     * @param ttl how long an entry is reused; zero turns caching off
     * @param maxEntries the most entries kept, at least 1
     * @param clock the clock entries age on
     */
    public BoundedLookupCache(Duration ttl, int maxEntries, Clock clock) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be zero or positive, was " + ttl);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            // Qualified: inside a LinkedHashMap subclass a bare Entry names the map's own entry type
            // on newer JDKs.
            protected boolean removeEldestEntry(Map.Entry<String, BoundedLookupCache.Entry> eldest) {
                return size() > BoundedLookupCache.this.maxEntries;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> loader) {
        if (ttl.isZero()) {
            return loader.get();
        }
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null && now.isBefore(entry.expires())) {
                return (T) entry.value();
            }
        }
        T value = loader.get();
        synchronized (entries) {
            entries.put(key, new Entry(value, now.plus(ttl)));
        }
        return value;
    }

    /** Forgets every entry. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private record Entry(Object value, Instant expires) {
    }
}
