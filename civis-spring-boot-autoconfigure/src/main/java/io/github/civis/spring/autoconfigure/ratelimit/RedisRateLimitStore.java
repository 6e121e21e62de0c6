package io.github.civis.spring.autoconfigure.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import io.github.civis.client.ratelimit.LocalRateLimitStore;
import io.github.civis.client.ratelimit.RateLimit;
import io.github.civis.client.ratelimit.RateLimitStore;

/**
 * Rate-limit buckets in Redis, shared by every instance that uses the key: each reservation is
 * one Lua script, run atomically by Redis with Redis's own clock ({@code TIME}), over a sorted set
 * of send times per bucket (a sliding log, as {@link LocalRateLimitStore} keeps in memory). The
 * keys are {@code civis:ratelimit:{<fingerprint>}:<bucket>}: the hash tag keeps a key's buckets
 * in one slot of a Redis Cluster; the API key itself never reaches Redis.
 *
 * <p>When Redis cannot be reached (or answers too slowly), calls go on within a local share of
 * each limit (the limit divided by the number of instances), with one WARN and the fallback
 * counted; Redis is tried again every second, and used again as soon as it answers.
 */
public final class RedisRateLimitStore implements RateLimitStore {

    private static final Log logger = LogFactory.getLog(RedisRateLimitStore.class);

    /** How often Redis is tried again while it cannot be reached. */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    // KEYS[1] the bucket's sorted set, KEYS[2] its sequence; ARGV limit, window ms, longest wait ms.
    // The new send is the latest: the window ending at it may hold limit - 1 others, so it goes one
    // window after the entry limit places before the end, or now.
    private static final RedisScript<List> RESERVE = RedisScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local limit = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local max_wait = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local n = redis.call('ZCARD', KEYS[1])
            local at = now
            if n >= limit then
              local entry = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
              at = math.max(now, tonumber(entry[2]) + window)
            end
            local wait = at - now
            if wait > max_wait then
              return {0, wait, 0}
            end
            local seq = redis.call('INCR', KEYS[2])
            redis.call('ZADD', KEYS[1], at, at .. '-' .. seq)
            redis.call('PEXPIRE', KEYS[1], wait + window + 1000)
            redis.call('PEXPIRE', KEYS[2], wait + window + 1000)
            return {1, wait, math.max(0, limit - n - 1)}
            """, List.class);

    // KEYS as above; ARGV limit, window ms, the platform's remaining count, then the offsets (ms from
    // now, negative for past sends) of sends to add. With no offsets, fills the bucket down to the
    // remaining count with sends at now.
    private static final RedisScript<Long> FOLLOW = RedisScript.of("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local limit = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local remaining = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local added = 0
            if #ARGV > 3 then
              for i = 4, #ARGV do
                local seq = redis.call('INCR', KEYS[2])
                local at = now + tonumber(ARGV[i])
                redis.call('ZADD', KEYS[1], at, at .. '-' .. seq)
                added = added + 1
              end
            else
              local free = limit - redis.call('ZCARD', KEYS[1])
              while free > remaining do
                local seq = redis.call('INCR', KEYS[2])
                redis.call('ZADD', KEYS[1], now, now .. '-' .. seq)
                free = free - 1
                added = added + 1
              end
            end
            if added > 0 then
              local pttl = redis.call('PTTL', KEYS[1])
              if pttl < window + 1000 then
                redis.call('PEXPIRE', KEYS[1], window + 1000)
              end
              redis.call('PEXPIRE', KEYS[2], window + 1000)
            end
            return added
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final int instances;
    private final Duration timeout;
    private final LocalRateLimitStore local = new LocalRateLimitStore();
    private final AtomicBoolean fallingBack = new AtomicBoolean();
    private final AtomicLong nextTryNanos = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();

    /**
     * Creates the store.
     * @param redis the template the scripts run with
     * @param instances how many instances share the key, for the local share while Redis is away
     * @param timeout the longest wait for Redis before a reservation falls back to the local share
     */
    public RedisRateLimitStore(ReactiveStringRedisTemplate redis, int instances, Duration timeout) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
        this.redis = redis;
        this.instances = instances;
        this.timeout = timeout;
    }

    @Override
    public Mono<Reservation> reserve(String bucketKey, RateLimit limit, Duration maxWait) {
        return Mono.defer(() -> {
            if (fallingBack.get() && !timeToTryRedis()) {
                return Mono.just(localReservation(bucketKey, limit, maxWait));
            }
            return redis.execute(RESERVE, keys(bucketKey), List.of(String.valueOf(limit.requests()),
                    String.valueOf(limit.window().toMillis()), String.valueOf(maxWait.toMillis())))
                .next()
                .timeout(timeout)
                .map(RedisRateLimitStore::reservation)
                .doOnNext(reservation -> backOnRedis(bucketKey, limit))
                .onErrorResume(ex -> {
                    fellBack(ex);
                    return Mono.just(localReservation(bucketKey, limit, maxWait));
                });
        });
    }

    @Override
    public Mono<Void> follow(String bucketKey, RateLimit limit, long remaining) {
        return Mono.defer(() -> {
            if (fallingBack.get()) {
                local.followNow(bucketKey, share(limit), remaining);
                return Mono.empty();
            }
            return redis.execute(FOLLOW, keys(bucketKey), List.of(String.valueOf(limit.requests()),
                    String.valueOf(limit.window().toMillis()), String.valueOf(Math.max(0, remaining))))
                .timeout(timeout)
                .onErrorResume(ex -> Mono.empty())
                .then();
        });
    }

    /** Times this store fell back to the local share because Redis could not be reached. */
    @Override
    public long fallbacks() {
        return fallbacks.get();
    }

    /** Whether reservations are made in the local share now, Redis being unreachable. */
    public boolean isFallingBack() {
        return fallingBack.get();
    }

    private Reservation localReservation(String bucketKey, RateLimit limit, Duration maxWait) {
        return local.reserveNow(bucketKey, share(limit), maxWait);
    }

    private RateLimit share(RateLimit limit) {
        return limit.share(1.0 / instances);
    }

    private boolean timeToTryRedis() {
        long now = System.nanoTime();
        long next = nextTryNanos.get();
        // one reservation at a time tries Redis again; the others stay local meanwhile
        return now - next >= 0 && nextTryNanos.compareAndSet(next, now + RETRY_INTERVAL.toNanos());
    }

    private void fellBack(Throwable failure) {
        nextTryNanos.set(System.nanoTime() + RETRY_INTERVAL.toNanos());
        if (fallingBack.compareAndSet(false, true)) {
            fallbacks.incrementAndGet();
            logger.warn("Redis cannot be reached for the Civis rate budget (" + failure
                    + "); calls go on within this instance's share of each limit (1/" + instances
                    + ") until it is back");
        }
    }

    /**
     * Back on Redis after falling back: the sends made meanwhile within the local share are
     * added to the shared buckets, so that the fleet's count includes them.
     */
    private void backOnRedis(String bucketKey, RateLimit limit) {
        if (fallingBack.compareAndSet(true, false)) {
            logger.info("Redis answers again: the Civis rate budget is shared again");
            List<Long> pending = local.pending(bucketKey, share(limit));
            if (!pending.isEmpty()) {
                List<String> args = new java.util.ArrayList<>(pending.size() + 3);
                args.add(String.valueOf(limit.requests()));
                args.add(String.valueOf(limit.window().toMillis()));
                args.add("0");
                pending.forEach(offset -> args.add(String.valueOf(offset)));
                redis.execute(FOLLOW, keys(bucketKey), args).timeout(timeout)
                    .subscribe(null, ex -> logger.debug("Could not hand the local sends to Redis: " + ex));
            }
        }
    }

    private static Reservation reservation(List<?> answer) {
        boolean reserved = ((Number) answer.get(0)).longValue() == 1;
        return new Reservation(reserved, Duration.ofMillis(((Number) answer.get(1)).longValue()),
                ((Number) answer.get(2)).longValue());
    }

    /** The Redis keys of a bucket named {@code <fingerprint>:<bucket>}. */
    static List<String> keys(String bucketKey) {
        int colon = bucketKey.lastIndexOf(':');
        String fingerprint = (colon > 0) ? bucketKey.substring(0, colon) : bucketKey;
        String bucket = (colon > 0) ? bucketKey.substring(colon + 1) : "general";
        String prefix = "civis:ratelimit:{" + fingerprint + "}:";
        return List.of(prefix + bucket, prefix + bucket + ":seq");
    }

    @Override
    public String toString() {
        return "RedisRateLimitStore{instances=" + instances + ", fallingBack=" + fallingBack.get() + "}";
    }
}
