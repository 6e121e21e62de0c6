package io.github.civis.spring.autoconfigure.sql;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.cache.Cache;

import io.github.civis.client.lookup.LookupCache;

/**
 * Lookups kept in a cache of Spring's cache abstraction, so that they live where the
 * application's other cached data lives (Caffeine, Redis, …) with its expiry and size settings.
 * A lookup that fails caches nothing and its exception (such as a
 * {@link io.github.civis.client.lookup.CivisLookupException} naming the closest names) reaches the
 * caller as it was thrown. Keys are strings such as {@code database:redshift-general}; values are
 * ids ({@code Long}) and names ({@code String}), so any provider can store them.
 */
public final class SpringCacheLookupCache implements LookupCache {

    private final Cache cache;

    /**
     * @param cache the cache the answers go to
     */
    public SpringCacheLookupCache(Cache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The cache the answers go to. */
    public Cache cache() {
        return this.cache;
    }

    @Override
    public <T> T get(String key, Supplier<T> loader) {
        try {
            return Objects.requireNonNull(this.cache.get(key, loader::get),
                    () -> "The cache '" + this.cache.getName() + "' returned no value for " + key);
        }
        catch (Cache.ValueRetrievalException ex) {
            // The cache wraps what the loader threw; callers expect the lookup's own exception.
            if (ex.getCause() instanceof RuntimeException lookupFailure) {
                throw lookupFailure;
            }
            throw ex;
        }
    }

    @Override
    public String toString() {
        return "SpringCacheLookupCache{cache=" + this.cache.getName() + "}";
    }

}
