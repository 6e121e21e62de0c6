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
 * caller as it was thrown. Keys are strings such as
 * {@code https://api.civisanalytics.com/|database:redshift-general}: the lookup's key after a
 * prefix, the base URL in the starter, so that applications talking to different platforms can
 * share a cache (Redis) without mixing their answers. The prefix is never the API key. Values are
 * ids ({@code Long}) and names ({@code String}), so any provider can store them.
 */
public final class SpringCacheLookupCache implements LookupCache {

    private final Cache cache;

    private final String keyPrefix;

    /**
     * Answers kept under the lookups' own keys, without a prefix.
     * @param cache the cache the answers go to
     */
    public SpringCacheLookupCache(Cache cache) {
        this(cache, "");
    }

    /**
     * Answers kept under {@code keyPrefix + "|" + key}, or the key alone when the prefix is empty.
     * @param cache the cache the answers go to
     * @param keyPrefix what the answers depend on besides the key, such as the base URL; never a secret
     */
    public SpringCacheLookupCache(Cache cache, String keyPrefix) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix").isEmpty() ? "" : keyPrefix + "|";
    }

    /** The cache the answers go to. */
    public Cache cache() {
        return this.cache;
    }

    @Override
    public <T> T get(String key, Supplier<T> loader) {
        String cacheKey = this.keyPrefix + key;
        try {
            return Objects.requireNonNull(this.cache.get(cacheKey, loader::get),
                    () -> "The cache '" + this.cache.getName() + "' returned no value for " + cacheKey);
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
