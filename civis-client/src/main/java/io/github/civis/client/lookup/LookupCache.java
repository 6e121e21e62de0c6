package io.github.civis.client.lookup;

import java.util.function.Supplier;

/**
 * Where lookups keep what they found. The client has its own bounded cache
 * ({@link #bounded(java.time.Duration, int)}); the Spring Boot starter backs it with the
 * application's {@code CacheManager} when there is one. A loader that throws caches nothing.
 */
@FunctionalInterface
public interface LookupCache {

    /**
     * The cached value of a key, loaded when absent or expired.
     * @param key the key, e.g. {@code database:redshift-general}
     * @param loader finds the value (calls the API)
     * @param <T> the value's type
     * @return the value
     */
    <T> T get(String key, Supplier<T> loader);

    /**
     * A cache of at most {@code maxEntries}, each kept for {@code ttl}.
     * @param ttl how long an entry is reused; zero turns caching off
     * @param maxEntries the most entries kept; the least recently used goes first
     * @return the cache
     */
    static LookupCache bounded(java.time.Duration ttl, int maxEntries) {
        return new BoundedLookupCache(ttl, maxEntries, java.time.Clock.systemUTC());
    }

    /** A cache that keeps nothing: every lookup asks the API. */
    static LookupCache none() {
        return new LookupCache() {
            @Override
            public <T> T get(String key, Supplier<T> loader) {
                return loader.get();
            }
        };
    }
}
