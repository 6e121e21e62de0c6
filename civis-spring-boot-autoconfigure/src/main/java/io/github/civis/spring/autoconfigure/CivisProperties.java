package io.github.civis.spring.autoconfigure;

import java.io.File;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.runs.RunPolling;

/**
 * Configuration properties of the Civis starter ({@code civis.*}), one tree with a nested group
 * per concern: {@code civis.retry.*}, {@code civis.files.*}, {@code civis.runs.poll.*},
 * {@code civis.lookup.*}, {@code civis.rate-limit.*}, {@code civis.drift.*},
 * {@code civis.batch.*}, {@code civis.ssl.*} and {@code civis.health.*}.
 *
 * <p>The properties validate themselves when bound (see {@link CivisPropertiesValidator}), so an
 * impossible setting such as a zero timeout stops the application at startup with the
 * property's name and value. A {@code civis.*} key that is not in this tree stops it earlier,
 * with the closest known key ({@link CivisPropertyNamesCheck}).
 */
@ConfigurationProperties("civis")
public class CivisProperties implements Validator {

    /**
     * API key sent as a bearer token. Falls back to the CIVIS_API_KEY environment variable.
     */
    private @Nullable String apiKey;

    /**
     * Base URL of the Civis API. Falls back to the CIVIS_API_ENDPOINT environment variable.
     */
    private String baseUrl = "https://api.civisanalytics.com/";

    /**
     * Time allowed to open a connection to the API.
     */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /**
     * Time allowed from sending a request to the response's status and headers, per attempt.
     * The body that follows is bounded by civis.call-timeout.
     */
    private Duration responseTimeout = Duration.ofSeconds(60);

    /**
     * Time allowed for one attempt from sending the request to reading the whole body: the bound
     * of a body that arrives slowly. Retries are bounded by civis.retry.max-elapsed.
     */
    private Duration callTimeout = Duration.ofMinutes(2);

    /**
     * User-Agent sent with every call. When not set, the client's own is used.
     */
    private @Nullable String userAgent;

    /**
     * How calls reach the platform: straight through the client's Reactor Netty client
     * ({@code reactor-netty}, the default), through a {@code WebClient} made from Boot's
     * {@code WebClient.Builder} ({@code web-client}), so that the application's
     * {@code WebClientCustomizer}s, filters, codecs and Boot's {@code http.client.requests}
     * observation apply to Civis calls too, or with blocking calls sent on the calling thread
     * over blocking sockets ({@code blocking-io}; needs Apache HttpClient 5 on the class path, and
     * no SSL bundle), the fastest for many platform threads calling at once. Timeouts, retries and
     * the client's own metrics are the same on all three.
     */
    private Transport transport = Transport.REACTOR_NETTY;

    private final Ssl ssl = new Ssl();

    private final Health health = new Health();

    private final Retry retry = new Retry();

    private final Files files = new Files();

    private final Runs runs = new Runs();

    private final Lookup lookup = new Lookup();

    private final RateLimit rateLimit = new RateLimit();

    private final Drift drift = new Drift();

    private final Batch batch = new Batch();

    public @Nullable String getApiKey() {
        return this.apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey;
    }

    public String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return this.responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Duration getCallTimeout() {
        return this.callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public @Nullable String getUserAgent() {
        return this.userAgent;
    }

    public void setUserAgent(@Nullable String userAgent) {
        this.userAgent = userAgent;
    }

    public Transport getTransport() {
        return this.transport;
    }

    public void setTransport(Transport transport) {
        this.transport = transport;
    }

    public Ssl getSsl() {
        return this.ssl;
    }

    public Health getHealth() {
        return this.health;
    }

    public Retry getRetry() {
        return this.retry;
    }

    public Files getFiles() {
        return this.files;
    }

    public Runs getRuns() {
        return this.runs;
    }

    public Lookup getLookup() {
        return this.lookup;
    }

    public RateLimit getRateLimit() {
        return this.rateLimit;
    }

    public Drift getDrift() {
        return this.drift;
    }

    public Batch getBatch() {
        return this.batch;
    }

    @Override
    public boolean supports(Class<?> type) {
        return CivisProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CivisPropertiesValidator.validate((CivisProperties) target, errors);
    }

    /**
     * How the client's calls reach the platform.
     */
    public enum Transport {

        /** Straight through the client's Reactor Netty client. */
        REACTOR_NETTY,

        /** Through a {@code WebClient} made from Boot's {@code WebClient.Builder}. */
        WEB_CLIENT,

        /**
         * Blocking calls on the calling thread with blocking sockets (Apache HttpClient 5);
         * reactive calls, streams and file transfers through Reactor Netty.
         */
        BLOCKING_IO

    }

    /**
     * SSL settings of the connection to the API ({@code civis.ssl.*}).
     */
    public static class Ssl {

        /**
         * Name of the SSL bundle (spring.ssl.bundle.*) to connect with.
         */
        private @Nullable String bundle;

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

    }

    /**
     * Settings of the civis health indicator ({@code civis.health.*}).
     */
    public static class Health {

        /**
         * Time allowed for the health check's call before the API is reported DOWN.
         */
        private Duration timeout = Duration.ofSeconds(5);

        /**
         * How long a health result is reused before the API is called again. Zero turns the
         * cache off.
         */
        private Duration cacheTtl = Duration.ofSeconds(30);

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getCacheTtl() {
            return this.cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }

    }

    /**
     * Retry settings of the Civis client ({@code civis.retry.*}).
     *
     * <p>A call whose method is listed in {@code civis.retry.retryable-methods} is retried on HTTP
     * 429, 502, 503 and 504 and when no response arrived (connection refused or reset, timeouts). A
     * POST that is not listed is still retried on 429 and 503, answers that say the request was not
     * carried out; any other method that is not listed is never retried. Waits are
     * {@code Retry-After} when the API sends it, else an exponential backoff with jitter.
     */
    public static class Retry {

        /**
         * Maximum number of attempts per call, the first one included. 1 turns retries off.
         */
        private int maxAttempts = 10;

        /**
         * Maximum number of attempts per call when no connection could be made at all (refused,
         * unknown host, connect timeout, failed TLS handshake), the first one included. Never more
         * than max-attempts.
         */
        private int maxConnectionFailureAttempts = 3;

        /**
         * Maximum time spent on one call across all its attempts.
         */
        private Duration maxElapsed = Duration.ofSeconds(600);

        /**
         * Wait before the first retry; it doubles on each further retry.
         */
        private Duration initialBackoff = Duration.ofSeconds(1);

        /**
         * Longest wait between two attempts.
         */
        private Duration maxBackoff = Duration.ofSeconds(60);

        /**
         * HTTP methods whose calls are retried on 429, 502, 503, 504 and connection failures (any
         * case; stored upper-case). PATCH and POST are left out by default because repeating them
         * may repeat a change; a POST not listed is still retried on 429 and 503.
         */
        private Set<String> retryableMethods = new LinkedHashSet<>(List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE"));

        public int getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public int getMaxConnectionFailureAttempts() {
            return this.maxConnectionFailureAttempts;
        }

        public void setMaxConnectionFailureAttempts(int maxConnectionFailureAttempts) {
            this.maxConnectionFailureAttempts = maxConnectionFailureAttempts;
        }

        public Duration getMaxElapsed() {
            return this.maxElapsed;
        }

        public void setMaxElapsed(Duration maxElapsed) {
            this.maxElapsed = maxElapsed;
        }

        public Duration getInitialBackoff() {
            return this.initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return this.maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Set<String> getRetryableMethods() {
            return this.retryableMethods;
        }

        public void setRetryableMethods(Set<String> retryableMethods) {
            // upper-cased here, where the value is bound, so that every use compares one spelling
            Set<String> normalized = new LinkedHashSet<>();
            for (String method : retryableMethods) {
                normalized.add(method.trim().toUpperCase(Locale.ROOT));
            }
            this.retryableMethods = normalized;
        }

    }

    /**
     * File transfer settings of the Civis client ({@code civis.files.*}).
     */
    public static class Files {

        /**
         * Size above which uploads go in parts (multipart) instead of one presigned form. At least 5MB.
         */
        private DataSize multipartThreshold = DataSize.ofMegabytes(50);

        /**
         * Parts of a multipart upload sent at the same time.
         */
        private int partConcurrency = 4;

        /**
         * Longest pause without progress on a storage connection before the transfer is retried or fails.
         */
        private Duration transferTimeout = Duration.ofSeconds(60);

        public DataSize getMultipartThreshold() {
            return this.multipartThreshold;
        }

        public void setMultipartThreshold(DataSize multipartThreshold) {
            this.multipartThreshold = multipartThreshold;
        }

        public int getPartConcurrency() {
            return this.partConcurrency;
        }

        public void setPartConcurrency(int partConcurrency) {
            this.partConcurrency = partConcurrency;
        }

        public Duration getTransferTimeout() {
            return this.transferTimeout;
        }

        public void setTransferTimeout(Duration transferTimeout) {
            this.transferTimeout = transferTimeout;
        }

    }

    /**
     * Settings of the Civis runs ({@code civis.runs.*}): how often a run's state is read while
     * waiting for it.
     */
    public static class Runs {

        private final Poll poll = new Poll();

        public Poll getPoll() {
            return this.poll;
        }

        /**
         * The polling schedule these settings describe, with the client's default jitter.
         * @return the schedule
         */
        public RunPolling toPolling() {
            return RunPolling.defaults().withInitial(this.poll.initial).withMax(this.poll.max)
                .withMultiplier(this.poll.multiplier)
                .withMaxConsecutiveFailedPolls(this.poll.maxConsecutiveFailures);
        }

        /** How often a run's state is read while waiting ({@code civis.runs.poll.*}). */
        public static class Poll {

            /**
             * Wait before the first read of a run's state.
             */
            private Duration initial = Duration.ofSeconds(1);

            /**
             * Factor by which the wait grows after each read; at least 1.
             */
            private double multiplier = 1.2;

            /**
             * Longest wait between two reads of a run's state.
             */
            private Duration max = Duration.ofSeconds(15);

            /**
             * Number of reads of a run's state in a row that may fail (each after the client's
             * retries) before waiting for the run gives up; a failed read is otherwise skipped.
             */
            private int maxConsecutiveFailures = RunPolling.DEFAULT_MAX_CONSECUTIVE_FAILED_POLLS;

            /**
             * Largest share of the general rate limit (civis.rate-limit.general) that polling awaited
             * runs may spend; with many runs awaited at once, each is polled less often. Above 0, at
             * most 1.
             */
            private double budgetShare = 0.5;

            public double getBudgetShare() {
                return this.budgetShare;
            }

            public void setBudgetShare(double budgetShare) {
                this.budgetShare = budgetShare;
            }

            public Duration getInitial() {
                return this.initial;
            }

            public void setInitial(Duration initial) {
                this.initial = initial;
            }

            public double getMultiplier() {
                return this.multiplier;
            }

            public void setMultiplier(double multiplier) {
                this.multiplier = multiplier;
            }

            public Duration getMax() {
                return this.max;
            }

            public void setMax(Duration max) {
                this.max = max;
            }

            public int getMaxConsecutiveFailures() {
                return this.maxConsecutiveFailures;
            }

            public void setMaxConsecutiveFailures(int maxConsecutiveFailures) {
                this.maxConsecutiveFailures = maxConsecutiveFailures;
            }

        }

    }

    /**
     * Settings of the Civis name-to-id lookups ({@code civis.lookup.*}): how long and how many
     * answers the client's own cache keeps, and which cache of the application's
     * {@code CacheManager} is used instead when there is one.
     */
    public static class Lookup {

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

    }

    /**
     * The Civis client's rate budget ({@code civis.rate-limit.*}): two buckets per API key that every
     * call draws from before it is sent, waiting for room rather than drawing a 429.
     */
    public static class RateLimit {

        /**
         * Whether calls draw from the key's rate budget before they are sent, waiting for room.
         */
        private boolean enabled = true;

        /**
         * Limit of general requests per key, written requests/window, e.g. 1000/300s (the platform's).
         */
        private String general = "1000/300s";

        /**
         * Limit of run-creating requests (POST to a route ending in /runs) per key, e.g. 100/300s (the
         * platform's).
         */
        private String runCreating = "100/300s";

        /**
         * Longest time a call waits for room in its bucket; beyond it, the call fails with
         * CivisRateBudgetException without being sent.
         */
        private Duration maxWait = Duration.ofSeconds(60);

        /**
         * Where the buckets live: local (in this instance) or redis (shared by every instance that
         * uses the key; needs Spring Data Redis with Lettuce, configured by spring.data.redis.*).
         */
        private Store store = Store.LOCAL;

        /**
         * Number of instances sharing the key: while Redis cannot be reached, each instance spends
         * at most this share of each limit (limit / instances).
         */
        private int instances = 1;

        /**
         * Longest wait for an answer from Redis before a call uses the local share.
         */
        private Duration storeTimeout = Duration.ofMillis(500);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getGeneral() {
            return this.general;
        }

        public void setGeneral(String general) {
            this.general = general;
        }

        public String getRunCreating() {
            return this.runCreating;
        }

        public void setRunCreating(String runCreating) {
            this.runCreating = runCreating;
        }

        public Duration getMaxWait() {
            return this.maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }

        public Store getStore() {
            return this.store;
        }

        public void setStore(Store store) {
            this.store = store;
        }

        public int getInstances() {
            return this.instances;
        }

        public void setInstances(int instances) {
            this.instances = instances;
        }

        public Duration getStoreTimeout() {
            return this.storeTimeout;
        }

        public void setStoreTimeout(Duration storeTimeout) {
            this.storeTimeout = storeTimeout;
        }

        /**
         * The client's settings these properties describe.
         * @param pollShare the share of the general limit for polling runs ({@code civis.runs.poll.budget-share})
         * @return the settings
         */
        public RateLimitSettings toSettings(double pollShare) {
            return RateLimitSettings.defaults().withEnabled(this.enabled)
                .withGeneral(io.github.civis.client.ratelimit.RateLimit.parse(this.general))
                .withRunCreating(io.github.civis.client.ratelimit.RateLimit.parse(this.runCreating))
                .withMaxWait(this.maxWait)
                .withPollShare(pollShare);
        }

        /** Where the buckets live. */
        public enum Store {

            /** In this instance only. */
            LOCAL,

            /** In Redis, shared by every instance that uses the key. */
            REDIS

        }

    }

    /**
     * Settings of the drift check ({@code civis.drift.*}): whether the platform's current API
     * document is compared with the bundled one, and how often.
     */
    public static class Drift {

        /**
         * Whether to compare the platform's API document (GET /endpoints) with the API this
         * application was built with, once after start-up and then every refresh period.
         */
        private boolean enabled = true;

        /**
         * Time between two reads of the platform's API document.
         */
        private Duration refresh = Duration.ofHours(24);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getRefresh() {
            return this.refresh;
        }

        public void setRefresh(Duration refresh) {
            this.refresh = refresh;
        }

    }

    /**
     * Settings of the Civis Spring Batch steps ({@code civis.batch.*}), used by the builders of the
     * {@code civisBatchBuilders} bean.
     */
    public static class Batch {

        /**
         * Compressed size of a table writer's spool past which it is imported before the step ends.
         * 0 imports once per step, when it ends.
         */
        private DataSize importEvery = DataSize.ofBytes(0);

        /** Directory of the table writers' spool files; default the temporary directory. */
        private @Nullable File spoolDirectory;

        /** Longest wait for a Civis run of a tasklet, or for one import of a table writer. */
        private Duration timeout = Duration.ofHours(1);

        public DataSize getImportEvery() {
            return this.importEvery;
        }

        public void setImportEvery(DataSize importEvery) {
            this.importEvery = importEvery;
        }

        public @Nullable File getSpoolDirectory() {
            return this.spoolDirectory;
        }

        public void setSpoolDirectory(@Nullable File spoolDirectory) {
            this.spoolDirectory = spoolDirectory;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

    }

}
