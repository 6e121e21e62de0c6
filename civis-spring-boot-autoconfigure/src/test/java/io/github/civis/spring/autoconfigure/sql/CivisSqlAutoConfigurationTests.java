package io.github.civis.spring.autoconfigure.sql;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.support.AbstractValueAdaptingCache;

import io.github.civis.client.CivisClient;
import io.github.civis.client.api.ReactiveTablesApi;
import io.github.civis.client.api.TablesApi;
import io.github.civis.client.lookup.BoundedLookupCache;
import io.github.civis.client.lookup.CivisLookupException;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.lookup.LookupCache;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.ReactiveCivisRuns;
import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.sql.CsvRow;
import io.github.civis.client.sql.ReactiveCivisSql;
import io.github.civis.client.tables.CivisTableTransfers;
import io.github.civis.client.tables.ImportOptions;
import io.github.civis.client.tables.ReactiveCivisTableTransfers;
import io.github.civis.simulator.CivisSimulator;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.metrics.CivisMetricsAutoConfiguration;
import io.github.civis.spring.autoconfigure.metrics.CivisRunMetrics;
import io.github.civis.spring.autoconfigure.runs.CivisRunsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link CivisSqlAutoConfiguration}, against the simulator: the beans, the lookup cache's
 * settings (API calls counted at the simulator) and the application's {@code CacheManager}.
 */
class CivisSqlAutoConfigurationTests {

    private static final String DB = "redshift-general";

    private static CivisSimulator simulator;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CivisSqlAutoConfiguration.class, CivisAutoConfiguration.class,
                CivisRunsAutoConfiguration.class))
        .withPropertyValues("civis.api-key=" + simulator.apiKey(), "civis.base-url=" + simulator.baseUrl(),
                "civis.runs.poll.initial=20ms", "civis.runs.poll.max=50ms");

    @BeforeAll
    static void startSimulator() {
        simulator = CivisSimulator.builder().apiKey("sql-test-key").runStep(Duration.ofMillis(20))
            .seed(new Seed().database(DB).database("analytics")
                .table(DB, "public.people", List.of("id", "name"), List.of(List.of("1", "Ann"), List.of("2", "Bo"))))
            .build().start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    @Test
    void sqlTablesAndLookupsBeansWorkTogether() {
        this.contextRunner.run(context -> {
            assertThat(context).hasBean("civisSql").hasBean("reactiveCivisSql").hasBean("civisTableTransfers")
                .hasBean("reactiveCivisTableTransfers").hasBean("civisLookups").hasBean("civisLookupCache");
            // the tables group is the registrar's bean, as every group; the transfers stand beside it
            assertThat(context.getBeanNamesForType(TablesApi.class)).containsExactly("tablesApi");
            assertThat(context.getBeanNamesForType(ReactiveTablesApi.class)).containsExactly("reactiveTablesApi");
            assertThat(context.getBean("tablesApi")).isNotInstanceOf(CivisTableTransfers.class);

            context.getBean(CivisTableTransfers.class).importCsv(csv("id,city\n1,Oslo\n2,\"Rome, IT\"\n"), "staging.cities",
                    DB, ImportOptions.defaults().withExistingTable(ImportOptions.ExistingTable.DROP));
            context.getBean(ReactiveCivisTableTransfers.class).importCsv(csv("n\n7\n"), "staging.numbers", DB,
                    ImportOptions.defaults().withExistingTable(ImportOptions.ExistingTable.DROP)).block(Duration.ofMinutes(1));

            assertThat(context.getBean(CivisSql.class).query("SELECT * FROM public.people", DB).rows())
                .containsExactly(List.of("1", "Ann"), List.of("2", "Bo"));
            assertThat(context.getBean(ReactiveCivisSql.class).stream("SELECT * FROM staging.cities", DB)
                .map(row -> row.get("city")).collectList().block(Duration.ofMinutes(1)))
                .containsExactly("Oslo", "Rome, IT");
            assertThat(context.getBean(CivisSql.class).query("SELECT * FROM staging.numbers", DB).rows())
                .containsExactly(List.of("7"));
            assertThat(context.getBean(CivisLookups.class).tableId("public.people", DB)).isPositive();
        });
    }

    @Test
    void beansAreMadeOnlyWhenFirstUsed() {
        this.contextRunner.run(context -> {
            List<String> names = List.of("civisSql", "reactiveCivisSql", "civisTableTransfers", "reactiveCivisTableTransfers",
                    "civisLookups", "civisLookupCache");
            assertThat(names).noneMatch(context.getBeanFactory()::containsSingleton);

            context.getBean(CivisSql.class);

            assertThat(names).filteredOn(context.getBeanFactory()::containsSingleton).containsExactly("civisSql");
        });
    }

    @Test
    void theWorkflowBeansAreTheClientsOwnWorkflows() {
        this.contextRunner.run(context -> {
            CivisClient client = context.getBean(CivisClient.class);
            assertThat(context.getBean(CivisSql.class)).isSameAs(client.sql());
            assertThat(context.getBean(ReactiveCivisSql.class)).isSameAs(client.reactiveSql());
            assertThat(context.getBean(CivisTableTransfers.class)).isSameAs(client.tableTransfers());
            assertThat(context.getBean(ReactiveCivisTableTransfers.class)).isSameAs(client.reactiveTableTransfers());
            assertThat(context.getBean(CivisLookups.class)).isSameAs(client.lookups());
            assertThat(context.getBean(CivisRuns.class)).isSameAs(client.runs());
            assertThat(context.getBean(ReactiveCivisRuns.class)).isSameAs(client.reactiveRuns());
            // and the client's accessor uses the settings the beans were given: its lookups go through the
            // civisLookupCache bean (one API call for two lookups within the time to live)
            long before = simulator.stats().requests();
            client.lookups().databaseId(DB);
            client.lookups().databaseId(DB);
            assertThat(simulator.stats().requests() - before).isEqualTo(1);
            assertThat(context.getBeanFactory().containsSingleton("civisLookupCache")).isTrue();
        });
    }

    @Test
    void withoutACacheManagerLookupsCallTheApiOncePerTimeToLive() {
        this.contextRunner.withPropertyValues("civis.lookup.cache-ttl=1h").run(context -> {
            assertThat(context.getBean(LookupCache.class)).isInstanceOf(BoundedLookupCache.class);
            CivisLookups lookups = context.getBean(CivisLookups.class);

            long before = simulator.stats().requests();
            long id = lookups.databaseId(DB);
            long credential = lookups.defaultDatabaseCredentialId();
            for (int i = 0; i < 5; i++) {
                assertThat(lookups.databaseId(DB)).isEqualTo(id);
                assertThat(lookups.defaultDatabaseCredentialId()).isEqualTo(credential);
            }

            assertThat(simulator.stats().requests() - before).as("one call per name").isEqualTo(2);
        });
        this.contextRunner.withPropertyValues("civis.lookup.cache-ttl=50ms").run(context -> {
            CivisLookups lookups = context.getBean(CivisLookups.class);

            long before = simulator.stats().requests();
            lookups.databaseId(DB);
            Thread.sleep(200); // longer than the time to live, however slow the machine: the entry has expired
            lookups.databaseId(DB);

            assertThat(simulator.stats().requests() - before).isEqualTo(2);
        });
        this.contextRunner.withPropertyValues("civis.lookup.cache-ttl=0s").run(context -> {
            CivisLookups lookups = context.getBean(CivisLookups.class);

            long before = simulator.stats().requests();
            lookups.databaseId(DB);
            lookups.databaseId(DB);
            lookups.databaseId(DB);

            assertThat(simulator.stats().requests() - before).isEqualTo(3);
        });
    }

    @Test
    void cacheSizeBoundsTheEntriesKept() {
        this.contextRunner.withPropertyValues("civis.lookup.cache-ttl=1h", "civis.lookup.cache-size=1").run(context -> {
            CivisLookups lookups = context.getBean(CivisLookups.class);

            long before = simulator.stats().requests();
            lookups.databaseId(DB);
            lookups.databaseId("analytics"); // evicts the first entry
            lookups.databaseId(DB);
            lookups.databaseId(DB);

            assertThat(simulator.stats().requests() - before).isEqualTo(3);
        });
    }

    @Test
    void withACacheManagerLookupsGoThroughItsCache() {
        this.contextRunner.withBean(CacheManager.class, ProviderCacheManager::new)
            .withPropertyValues("civis.lookup.cache-ttl=0s") // the provider's business now: not used
            .run(context -> {
                assertThat(context.getBean(LookupCache.class)).isInstanceOf(SpringCacheLookupCache.class);
                CivisLookups lookups = context.getBean(CivisLookups.class);
                Cache cache = context.getBean(CacheManager.class).getCache("civis-lookups");
                String prefix = context.getBean(CivisClient.class).baseUrl() + "|"; // the platform's, never the key

                long before = simulator.stats().requests();
                long id = lookups.databaseId(DB);
                lookups.databaseId(DB);
                lookups.databaseId(DB);
                long calls = simulator.stats().requests() - before;
                context.getBean(CivisSql.class).query("SELECT * FROM public.people", DB);

                assertThat(calls).isEqualTo(1);
                assertThat(cache.get(prefix + "database:" + DB, Long.class)).isEqualTo(id);
                assertThat(cache.get(prefix + "defaultDatabaseCredential")).as("the SQL bean's lookups land there too")
                    .isNotNull();
                assertThatExceptionOfType(CivisLookupException.class)
                    .isThrownBy(() -> lookups.databaseId("redshift-genral"))
                    .withMessage("No database named 'redshift-genral'; did you mean 'redshift-general'?");
                assertThat(cache.get(prefix + "database:redshift-genral")).as("a failed lookup caches nothing").isNull();
                assertThat(((Map<?, ?>) cache.getNativeCache()).keySet())
                    .allSatisfy(key -> assertThat(key.toString()).startsWith(prefix).doesNotContain(simulator.apiKey()));
            });
    }

    @Test
    void cacheNameChoosesTheCacheAndAManagerWithoutItLeavesLookupsToTheClientsCache() {
        this.contextRunner.withBean(CacheManager.class, () -> new ProviderCacheManager("ids"))
            .withPropertyValues("civis.lookup.cache-name=ids")
            .run(context -> {
                context.getBean(CivisLookups.class).databaseId(DB);
                assertThat(context.getBean(CacheManager.class).getCache("ids")
                    .get(context.getBean(CivisClient.class).baseUrl() + "|database:" + DB)).isNotNull();
            });
        this.contextRunner.withBean(CacheManager.class, () -> new ProviderCacheManager("other"))
            .run(context -> assertThat(context.getBean(LookupCache.class)).isInstanceOf(BoundedLookupCache.class));
    }

    @Test
    void springsSimpleCacheNeverExpiresSoLookupsStayInTheBoundedCache() {
        this.contextRunner.withBean(CacheManager.class, ConcurrentMapCacheManager::new)
            .withPropertyValues("civis.lookup.cache-ttl=0s") // keeps nothing: every lookup is a call
            .run(context -> {
                assertThat(context.getBean(LookupCache.class)).isInstanceOf(BoundedLookupCache.class);
                CivisLookups lookups = context.getBean(CivisLookups.class);

                long before = simulator.stats().requests();
                lookups.databaseId(DB);
                lookups.databaseId(DB);

                assertThat(simulator.stats().requests() - before).as("civis.lookup.cache-ttl applies").isEqualTo(2);
                assertThat(context.getBean(CacheManager.class).getCache("civis-lookups").get("database:" + DB))
                    .as("nothing kept for good in the simple cache").isNull();
            });
    }

    @Test
    void sqlRunsAreAwaitedThroughTheRunsBeanAndMetered() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(CivisMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .run(context -> {
                try (var rows = context.getBean(CivisSql.class).stream("SELECT * FROM public.people", DB)) {
                    assertThat(rows.map(CsvRow::values)).hasSize(2);
                }

                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get(CivisRunMetrics.RUNS).tag("outcome", "succeeded").timer().count()).isEqualTo(1);
            });
    }

    @Test
    void queryPreviewsAndTableRefreshesAreAwaitedThroughTheRunsBeanAndMetered() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(CivisMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .run(context -> {
                context.getBean(CivisSql.class).query("SELECT * FROM public.people", DB);
                long tableId = context.getBean(CivisLookups.class).tableId("public.people", DB);
                context.getBean(CivisTableTransfers.class).refresh(tableId);

                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get(CivisRunMetrics.RUNS).tag("outcome", "succeeded").timer().count()).isEqualTo(2);
            });
    }

    @Test
    void impossibleSettingsStopStartupNamingTheProperty() {
        this.contextRunner.withPropertyValues("civis.lookup.cache-size=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("civis.lookup.cache-size");
        });
        this.contextRunner.withPropertyValues("civis.lookup.cache-ttl=-1s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("civis.lookup.cache-ttl");
        });
        this.contextRunner.withPropertyValues("civis.lookup.cache-tll=1m").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("civis.lookup.cache-tll")
                .hasMessageContaining("did you mean civis.lookup.cache-ttl?");
        });
    }

    @Test
    void userBeansWin() {
        this.contextRunner.withBean("myTables", TablesApi.class, () -> mock(TablesApi.class))
            .withBean("myTransfers", CivisTableTransfers.class, () -> mock(CivisTableTransfers.class))
            .withBean("mySql", CivisSql.class, () -> mock(CivisSql.class))
            .withBean("myCache", LookupCache.class, LookupCache::none)
            .run(context -> {
                assertThat(context).doesNotHaveBean("civisTableTransfers").doesNotHaveBean("civisSql")
                    .doesNotHaveBean("civisLookupCache");
                assertThat(context.getBean(TablesApi.class)).isSameAs(context.getBean("myTables"));
                assertThat(context.getBean(CivisTableTransfers.class)).isSameAs(context.getBean("myTransfers"));
                assertThat(context.getBean(ReactiveCivisSql.class)).isNotNull();
                CivisLookups lookups = context.getBean(CivisLookups.class);
                long before = simulator.stats().requests();
                lookups.databaseId(DB);
                lookups.databaseId(DB);
                assertThat(simulator.stats().requests() - before).as("the user's cache keeps nothing").isEqualTo(2);
            });
    }

    /**
     * Stands for a cache provider whose caches expire entries (Caffeine, Redis, …): its caches are
     * not Spring's simple {@code ConcurrentMapCache}. With names, it has those caches only.
     */
    private static final class ProviderCacheManager implements CacheManager {

        private final Map<String, Cache> caches = new ConcurrentHashMap<>();

        private final List<String> fixedNames;

        ProviderCacheManager(String... fixedNames) {
            this.fixedNames = List.of(fixedNames);
        }

        @Override
        public Cache getCache(String name) {
            if (!this.fixedNames.isEmpty() && !this.fixedNames.contains(name)) {
                return null;
            }
            return this.caches.computeIfAbsent(name, ProviderCache::new);
        }

        @Override
        public Collection<String> getCacheNames() {
            return List.copyOf(this.caches.keySet());
        }

    }

    /** A provider's cache, kept in a map here. */
    private static final class ProviderCache extends AbstractValueAdaptingCache {

        private final String name;

        private final Map<Object, Object> entries = new ConcurrentHashMap<>();

        ProviderCache(String name) {
            super(false);
            this.name = name;
        }

        @Override
        public String getName() {
            return this.name;
        }

        @Override
        public Object getNativeCache() {
            return this.entries;
        }

        @Override
        protected Object lookup(Object key) {
            return this.entries.get(key);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Object key, Callable<T> valueLoader) {
            return (T) fromStoreValue(this.entries.computeIfAbsent(key, k -> {
                try {
                    return toStoreValue(valueLoader.call());
                }
                catch (Exception ex) {
                    throw new ValueRetrievalException(key, valueLoader, ex);
                }
            }));
        }

        @Override
        public void put(Object key, Object value) {
            this.entries.put(key, toStoreValue(value));
        }

        @Override
        public void evict(Object key) {
            this.entries.remove(key);
        }

        @Override
        public void clear() {
            this.entries.clear();
        }

    }

    private static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

}
