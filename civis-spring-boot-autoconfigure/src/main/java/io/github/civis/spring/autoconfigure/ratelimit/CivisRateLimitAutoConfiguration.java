package io.github.civis.spring.autoconfigure.ratelimit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.github.civis.client.ratelimit.RateLimitStore;
import io.github.civis.spring.autoconfigure.CivisAutoConfiguration;
import io.github.civis.spring.autoconfigure.CivisClientCustomizer;
import io.github.civis.spring.autoconfigure.CivisProperties;

/**
 * Auto-configuration of the Civis client's rate budget ({@code civis.rate-limit.*}): the limits,
 * the longest wait and the poll share ({@code civis.runs.poll.budget-share}) for the client, and
 * with {@code civis.rate-limit.store=redis} and Spring Data Redis on the class path, the buckets
 * in Redis (a {@link RedisRateLimitStore} over Boot's {@link ReactiveRedisConnectionFactory}, set
 * up by {@code spring.data.redis.*}). A {@link RateLimitStore} bean of the application's replaces
 * either store.
 */
@AutoConfiguration(before = CivisAutoConfiguration.class,
        afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@EnableConfigurationProperties(CivisProperties.class)
public final class CivisRateLimitAutoConfiguration {

    // applied before the application's customizers, which keep the last word
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    CivisClientCustomizer civisRateLimitCustomizer(CivisProperties civisProperties,
            ObjectProvider<RateLimitStore> store) {
        CivisProperties.RateLimit properties = civisProperties.getRateLimit();
        double pollShare = civisProperties.getRuns().getPoll().getBudgetShare();
        return builder -> {
            builder.rateLimit(properties.toSettings(pollShare));
            RateLimitStore shared = store.getIfUnique();
            if (shared != null) {
                builder.rateLimitStore(shared);
            }
            else if (properties.isEnabled() && properties.getStore() == CivisProperties.RateLimit.Store.REDIS) {
                throw new IllegalStateException("civis.rate-limit.store=redis needs Spring Data Redis with Lettuce on "
                        + "the class path (add spring-boot-starter-data-redis) and Redis configured with "
                        + "spring.data.redis.*; or set civis.rate-limit.store=local");
            }
        };
    }

    /** The buckets in Redis, shared by every instance that uses the key. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ ReactiveRedisConnectionFactory.class, ReactiveStringRedisTemplate.class })
    @ConditionalOnProperty(prefix = "civis.rate-limit", name = "store", havingValue = "redis")
    static class RedisStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(RateLimitStore.class)
        @ConditionalOnBean(ReactiveRedisConnectionFactory.class)
        RedisRateLimitStore civisRedisRateLimitStore(ReactiveRedisConnectionFactory connectionFactory,
                CivisProperties properties) {
            CivisProperties.RateLimit rateLimit = properties.getRateLimit();
            return new RedisRateLimitStore(new ReactiveStringRedisTemplate(connectionFactory), rateLimit.getInstances(),
                    rateLimit.getStoreTimeout());
        }
    }
}
