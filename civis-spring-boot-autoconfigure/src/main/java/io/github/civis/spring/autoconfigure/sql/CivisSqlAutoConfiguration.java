package io.github.civis.spring.autoconfigure.sql;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.github.civis.client.CivisClient;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.lookup.LookupCache;
import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.sql.ReactiveCivisSql;
import io.github.civis.client.tables.CivisTableTransfers;
import io.github.civis.client.tables.ReactiveCivisTableTransfers;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisClientCustomizer;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * Auto-configuration of Civis SQL, table transfers and lookups: the beans {@code civisSql},
 * {@code reactiveCivisSql}, {@code civisTableTransfers}, {@code reactiveCivisTableTransfers} and
 * {@code civisLookups} are the workflows of the one {@link CivisClient} bean ({@code client.sql()},
 * ...), so a bean and the client's accessor behave the same. The {@code tables} API group itself is
 * the registrar's {@code tablesApi} bean, as every group.
 *
 * <p>Lookups are kept in the {@code civisLookupCache}, which the client's builder is given: the cache
 * {@code civis.lookup.cache-name} of the application's {@link CacheManager} when it has exactly
 * one, with the provider's expiry; otherwise the client's own bounded cache,
 * {@code civis.lookup.cache-ttl} and {@code civis.lookup.cache-size}. Spring's simple
 * {@link ConcurrentMapCache} never expires entries, so a lookup would never see a table made again
 * under its old name: lookups stay in the bounded cache then too. SQL and table transfers wait
 * through the client's runs, so {@code civis.runs.poll.*} and the run metrics apply to every query,
 * export, import, copy and refresh they await.
 */
@AutoConfiguration(after = CivisAutoConfiguration.class)
@ConditionalOnClass({ CivisClient.class, CivisSql.class })
@EnableConfigurationProperties(CivisProperties.class)
public final class CivisSqlAutoConfiguration {

    private static final Log logger = LogFactory.getLog(CivisSqlAutoConfiguration.class);

    // Every workflow bean is lazy, like the API group beans and the runs: each one makes API groups
    // whose classes load many request and model types, which an application that never runs SQL
    // should not pay for at start-up.

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    LookupCache civisLookupCache(CivisProperties civisProperties, ObjectProvider<CacheManager> cacheManagers,
            ObjectProvider<CivisClient> client) {
        CivisProperties.Lookup properties = civisProperties.getLookup();
        CacheManager cacheManager = cacheManagers.getIfUnique();
        if (cacheManager != null) {
            Cache cache = cacheManager.getCache(properties.getCacheName());
            if (cache instanceof ConcurrentMapCache) {
                // Spring's simple cache (@EnableCaching without a provider) never expires an entry: a table
                // dropped and made again would keep its old id for good. The bounded cache expires them.
                logger.info("The application's cache '" + properties.getCacheName() + "' (civis.lookup.cache-name) is a "
                        + "ConcurrentMapCache, which never expires entries; Civis lookups are kept in the client's own "
                        + "bounded cache instead, for civis.lookup.cache-ttl (" + properties.getCacheTtl() + "). "
                        + "Configure a cache provider with expiry (Caffeine, Redis, …) to keep them there.");
                return LookupCache.bounded(properties.getCacheTtl(), properties.getCacheSize());
            }
            if (cache != null) {
                // A shared cache (Redis) may serve applications on other platforms: their ids differ.
                // Made on the first lookup, when the client is there: its base URL, as it normalised it.
                return new SpringCacheLookupCache(cache, client.getObject().baseUrl().toString());
            }
            logger.info("The application's CacheManager has no cache named '" + properties.getCacheName()
                    + "' (civis.lookup.cache-name); Civis lookups are kept in the client's own cache instead. "
                    + "Add the name to the CacheManager's caches (spring.cache.cache-names) to keep them there.");
        }
        return LookupCache.bounded(properties.getCacheTtl(), properties.getCacheSize());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    CivisClientCustomizer civisLookupCacheCustomizer(ObjectProvider<LookupCache> civisLookupCache) {
        // The cache bean is made on the first lookup, not when the client is built: an application
        // that never looks a name up does not make it (nor touch its CacheManager).
        return builder -> builder.lookupCache(new BeanLookupCache(civisLookupCache));
    }

    /** The application's single {@link LookupCache} bean, found on first use; none when there is no single one. */
    private static final class BeanLookupCache implements LookupCache {

        private final ObjectProvider<LookupCache> beans;

        private volatile @Nullable LookupCache cache;

        BeanLookupCache(ObjectProvider<LookupCache> beans) {
            this.beans = beans;
        }

        @Override
        public <T> T get(String key, Supplier<T> loader) {
            LookupCache current = this.cache;
            if (current == null) {
                current = this.beans.getIfUnique(LookupCache::none);
                this.cache = current;
            }
            return current.get(key, loader);
        }

    }

    @Bean
    @Lazy
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    CivisLookups civisLookups(CivisClient client) {
        return client.lookups();
    }

    @Bean
    @Lazy
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    ReactiveCivisSql reactiveCivisSql(CivisClient client) {
        return client.reactiveSql();
    }

    @Bean
    @Lazy
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    CivisSql civisSql(CivisClient client) {
        return client.sql();
    }

    @Bean
    @Lazy
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    ReactiveCivisTableTransfers reactiveCivisTableTransfers(CivisClient client) {
        return client.reactiveTableTransfers();
    }

    @Bean
    @Lazy
    @ConditionalOnBean(CivisClient.class)
    @ConditionalOnMissingBean
    CivisTableTransfers civisTableTransfers(CivisClient client) {
        return client.tableTransfers();
    }

}
