package io.github.civis.spring.autoconfigure.sql;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the Civis name-to-id lookups ({@code civis.lookup.*}): how long and how many
 * answers the client's own cache keeps, and which cache of the application's
 * {@code CacheManager} is used instead when there is one. Bound with unknown fields rejected and
 * checked when bound, so a misspelt or impossible setting stops the application with its name.
 */
@ConfigurationProperties(prefix = "civis.lookup", ignoreUnknownFields = false)
public class CivisLookupProperties implements Validator {

    /**
     * How long a lookup's answer is reused before the API is asked again; 0 turns caching off.
     * Applies to the client's own cache only: with a Spring CacheManager, expiry is the cache
     * provider's setting (Spring's simple cache, which never expires entries, is not used).
     */
    private Duration cacheTtl = Duration.ofMinutes(5);

    /**
     * Most answers the client's own cache keeps; the least recently used goes first. Applies to the
     * client's own cache only.
     */
    private int cacheSize = 256;

    /**
     * Name of the cache taken from the application's Spring CacheManager, when there is one.
     */
    private String cacheName = "civis-lookups";

    public Duration getCacheTtl() {
        return this.cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    public int getCacheSize() {
        return this.cacheSize;
    }

    public void setCacheSize(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    public String getCacheName() {
        return this.cacheName;
    }

    public void setCacheName(String cacheName) {
        this.cacheName = cacheName;
    }

    @Override
    public boolean supports(Class<?> type) {
        return CivisLookupProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CivisLookupProperties lookup = (CivisLookupProperties) target;
        if (lookup.cacheTtl == null || lookup.cacheTtl.isNegative()) {
            errors.rejectValue("cacheTtl", "civis.negative",
                    "civis.lookup.cache-ttl must be zero or a positive duration, was " + lookup.cacheTtl);
        }
        if (lookup.cacheSize < 1) {
            errors.rejectValue("cacheSize", "civis.tooSmall",
                    "civis.lookup.cache-size must be at least 1, was " + lookup.cacheSize);
        }
        if (lookup.cacheName == null || lookup.cacheName.isBlank()) {
            errors.rejectValue("cacheName", "civis.blank", "civis.lookup.cache-name must not be blank");
        }
    }

}
