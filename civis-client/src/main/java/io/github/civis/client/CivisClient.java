package io.github.civis.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import io.github.civis.client.error.CivisConfigurationException;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.files.CivisFiles;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.files.FileTransfers;
import io.github.civis.client.files.ReactiveCivisFiles;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisClientObservationConvention;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.internal.ClientHooks;
import io.github.civis.client.internal.ClientInternals;
import io.github.civis.client.internal.ratelimit.RateBudget;
import io.github.civis.client.internal.transport.DefaultCivisTransport;
import io.github.civis.client.internal.transport.ResponseHeadersTimeout;
import io.github.civis.client.internal.transport.TransportSettings;
import io.github.civis.client.ratelimit.LocalRateLimitStore;
import io.github.civis.client.ratelimit.RateBucket;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.ratelimit.RateLimitStatus;
import io.github.civis.client.ratelimit.RateLimitStore;
import io.github.civis.client.transport.CivisTransport;

/**
 * Entry point of the Civis client in plain Java. Build one per application and share it: it is
 * thread-safe and holds a connection pool, released by {@link #close()}.
 *
 * <pre class="code">
 * try (CivisClient civis = CivisClient.builder().apiKey(key).build()) {
 *     ...
 * }
 * </pre>
 *
 * Without an explicit key the client reads {@code CIVIS_API_KEY}; without an explicit base URL,
 * {@code CIVIS_API_ENDPOINT}, else {@value #DEFAULT_BASE_URL}.
 */
public class CivisClient extends io.github.civis.client.api.CivisApiGroups implements AutoCloseable {

    /** Base URL used when neither the builder nor {@code CIVIS_API_ENDPOINT} sets one. */
    public static final String DEFAULT_BASE_URL = "https://api.civisanalytics.com/";
    /** Environment variable holding the API key. */
    public static final String API_KEY_ENV = "CIVIS_API_KEY";
    /** Environment variable holding the base URL. */
    public static final String BASE_URL_ENV = "CIVIS_API_ENDPOINT";
    /** Environment variable set inside a Civis job, sent as {@code X-Civis-Job-ID}. */
    public static final String JOB_ID_ENV = "CIVIS_JOB_ID";
    /** Environment variable set inside a Civis job run, sent as {@code X-Civis-Run-ID}. */
    public static final String RUN_ID_ENV = "CIVIS_RUN_ID";

    static {
        // The transport and the builder's test hooks stay out of the public API; the client's own
        // modules and tests reach them through the internal package.
        ClientInternals.lend(new ClientInternals.Access() {
            @Override
            public CivisTransport transport(Object client) {
                return ((CivisClient) client).transport;
            }

            @Override
            public ClientHooks hooks(Object builder) {
                return ((Builder) builder).hooks;
            }

            @Override
            public void hooks(Object builder, ClientHooks hooks) {
                ((Builder) builder).hooks = Objects.requireNonNull(hooks, "hooks");
            }
        });
    }

    private final DefaultCivisTransport transport;
    private final @Nullable ConnectionProvider ownedPool;
    private final FileTransfers fileTransfers;
    private final CivisFiles files;
    private final ReactiveCivisFiles reactiveFiles;

    private CivisClient(Parts parts) {
        super(parts.transport());
        this.transport = parts.transport();
        this.ownedPool = parts.pool();
        TransportSettings settings = parts.transport().settings();
        this.fileTransfers = (parts.fileTransfers() != null) ? parts.fileTransfers()
                : new FileTransfers(super.reactiveFiles(), parts.fileSettings(),
                        Objects.requireNonNull(parts.connections(), "connections"), settings.retryPolicy(),
                        settings.sleeper(), settings.clock());
        this.files = fileTransfers.blocking(super.files());
        this.reactiveFiles = fileTransfers.reactive(super.reactiveFiles());
    }

    /**
     * A view of this client that tries every call once, without retries, over the same
     * connections: for checks that must answer within their own time limit, such as a health
     * check. Closing the view does not close this client.
     * @return the view
     */
    public CivisClient withoutRetries() {
        return new CivisClient(new Parts(transport.withRetryPolicy(CivisRetryPolicy.none()), null,
                fileTransfers.settings(), fileTransfers, null));
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment ({@code CIVIS_API_KEY}, {@code CIVIS_API_ENDPOINT}).
     * @return the client
     * @throws CivisConfigurationException when {@code CIVIS_API_KEY} is not set
     */
    public static CivisClient create() {
        return builder().build();
    }

    /** The base URL calls are sent to. */
    public URI baseUrl() {
        return transport.settings().baseUrl();
    }

    /** The {@code User-Agent} sent with every call. */
    public String userAgent() {
        return transport.settings().userAgent();
    }

    /**
     * The rate-limit headers of the latest response that carried them; {@link RateLimitStatus#unknown()}
     * before the first one. Cheap to read, so suitable for a gauge.
     */
    public RateLimitStatus rateLimit() {
        return transport.rateLimit();
    }

    /**
     * The rate budget's settings: limits, longest wait, poll share.
     * @return the settings
     */
    public RateLimitSettings rateLimitSettings() {
        return transport.rateBudget().settings();
    }

    /**
     * Requests left in a bucket of the key's rate budget as this client last saw it (its own
     * reservations, and the platform's {@code X-RateLimit-Remaining}). Cheap to read, so
     * suitable for a gauge.
     * @param bucket the bucket
     * @return requests left
     */
    public long rateBudgetAvailable(RateBucket bucket) {
        return transport.rateBudget().available(bucket);
    }

    // --- Runs: start, await, cancel, follow logs, read outputs (io.github.civis.client.runs)

    private final io.github.civis.client.runs.RunScheduler runScheduler =
            new io.github.civis.client.runs.RunScheduler("civis-runs");

    /**
     * Runs of jobs, blocking: start, await, cancel, follow logs, read outputs. All runs of this
     * client share one timer thread, started on first use and stopped by {@link #close()}.
     * @return the runs, with the default polling (1 s, ×1.2, at most 15 s)
     */
    public io.github.civis.client.runs.CivisRuns runs() {
        return io.github.civis.client.runs.CivisRuns.of(reactiveRuns());
    }

    /**
     * Runs of jobs, reactive; lazy, and cancelling a subscriber stops its polling.
     * @return the runs, with the default polling (1 s, ×1.2, at most 15 s)
     */
    public io.github.civis.client.runs.ReactiveCivisRuns reactiveRuns() {
        return io.github.civis.client.runs.ReactiveCivisRuns.of(reactiveJobs(), reactiveScripts(), reactiveJsonValues(),
                transport, runScheduler);
    }

    // --- end of runs

    // ---- files: streamed uploads and downloads over storage URLs that never see the key

    /**
     * The {@code files} group with streamed uploads and downloads added.
     * @return the blocking files API
     */
    @Override
    public CivisFiles files() {
        return files;
    }

    /**
     * The reactive {@code files} group with streamed uploads and downloads added.
     * @return the reactive files API
     */
    @Override
    public ReactiveCivisFiles reactiveFiles() {
        return reactiveFiles;
    }

    // --- SQL, tables and lookups (io.github.civis.client.sql, .tables, .lookup)

    /** How long a SQL query, export or table import is awaited unless the caller asks otherwise: an hour. */
    public static final Duration WORKFLOW_TIMEOUT = Duration.ofHours(1);

    private volatile io.github.civis.client.lookup.@Nullable CivisLookups lookups;

    /**
     * Name-to-id lookups (databases, tables, credentials, storage hosts, the current user), each
     * answer kept 5 minutes in a cache of 256 entries shared by this client's SQL and tables.
     * @return the lookups
     */
    public io.github.civis.client.lookup.CivisLookups lookups() {
        io.github.civis.client.lookup.CivisLookups current = lookups;
        if (current == null) {
            synchronized (this) {
                current = lookups;
                if (current == null) {
                    current = new io.github.civis.client.lookup.CivisLookups(databases(), super.tables(),
                            credentials(), storageHosts(), users(),
                            io.github.civis.client.lookup.LookupCache.bounded(Duration.ofMinutes(5), 256));
                    lookups = current;
                }
            }
        }
        return current;
    }

    /**
     * SQL, blocking: query previews, exports, results streamed as CSV rows; a view of
     * {@link #reactiveSql()}.
     * @return the SQL API, awaiting queries up to an hour
     */
    public io.github.civis.client.sql.CivisSql sql() {
        return io.github.civis.client.sql.CivisSql.of(reactiveSql());
    }

    /**
     * SQL, reactive: query previews, exports, results as a {@code Flux} of CSV rows; waits with
     * the runs' polling, listener and timer.
     * @return the reactive SQL API
     */
    public io.github.civis.client.sql.ReactiveCivisSql reactiveSql() {
        return io.github.civis.client.sql.ReactiveCivisSql.of(reactiveScripts(), reactiveQueries(), reactiveRuns(),
                reactiveFiles(), lookups(), WORKFLOW_TIMEOUT);
    }

    /**
     * Table transfers, blocking: CSV imports into tables, table copies and refreshes, awaited; a
     * view of {@link #reactiveTableTransfers()}. The {@code tables} API group is {@link #tables()}.
     * @return the table transfers, awaiting up to an hour
     */
    public io.github.civis.client.tables.CivisTableTransfers tableTransfers() {
        return io.github.civis.client.tables.CivisTableTransfers.of(reactiveTableTransfers());
    }

    /**
     * Table transfers, reactive: CSV imports into tables, table copies and refreshes, awaited as
     * lazy publishers; waits with the runs' polling, listener and timer. The reactive
     * {@code tables} API group is {@link #reactiveTables()}.
     * @return the reactive table transfers
     */
    public io.github.civis.client.tables.ReactiveCivisTableTransfers reactiveTableTransfers() {
        return io.github.civis.client.tables.ReactiveCivisTableTransfers.of(reactiveTables(), reactiveImports(),
                reactiveFiles(), reactiveRuns(), lookups(), WORKFLOW_TIMEOUT);
    }

    // --- end of SQL, tables and lookups

    /**
     * Releases the connection pools this client created (not one the caller's connector owns) and
     * stops the timer thread of its runs.
     */
    @Override
    public void close() {
        runScheduler.close();
        if (ownedPool != null) {
            ownedPool.dispose();
            fileTransfers.close();
        }
    }

    @Override
    public String toString() {
        return "CivisClient{baseUrl=" + baseUrl() + ", userAgent=" + userAgent() + ", apiKey=(hidden)}";
    }

    /**
     * @param connections the connection configuration, for the file transfers to build theirs
     *        with; {@code null} when {@code fileTransfers} are given
     */
    private record Parts(DefaultCivisTransport transport, @Nullable ConnectionProvider pool,
            FileTransferSettings fileSettings, @Nullable FileTransfers fileTransfers,
            @Nullable Function<ConnectionProvider, HttpClient> connections) {
    }

    /**
     * Builds a {@link CivisClient}. Not thread-safe; {@link #build()} validates every setting and
     * fails with a {@link CivisConfigurationException} naming the one at fault.
     */
    public static final class Builder {

        /** {@code scheme://user:password@}: the user information of a URL, even one that does not parse. */
        private static final Pattern USER_INFO = Pattern
            .compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

        private @Nullable String baseUrl;
        private @Nullable String apiKey;
        private @Nullable Supplier<String> apiKeySupplier;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private @Nullable Duration callTimeout = Duration.ofMinutes(2);
        private CivisRetryPolicy retryPolicy = CivisRetryPolicy.defaults();
        private @Nullable String userAgent;
        private WebClient.@Nullable Builder webClientBuilder;
        private int maxConnections = 500;
        private int maxInMemorySize = 64 * 1024 * 1024;
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
        private @Nullable CivisClientObservationConvention observationConvention;
        private final List<CivisClientListener> listeners = new ArrayList<>();
        private @Nullable UnaryOperator<HttpClient> httpClientCustomizer;
        private String apiKeySource = "CivisClient.builder().apiKey(...) or the " + API_KEY_ENV
                + " environment variable";
        private ClientHooks hooks = ClientHooks.system();
        private FileTransferSettings fileTransferSettings = FileTransferSettings.defaults();
        private RateLimitSettings rateLimitSettings = RateLimitSettings.defaults();
        private @Nullable RateLimitStore rateLimitStore;

        private Builder() {
        }

        /**
         * The rate budget (default {@link RateLimitSettings#defaults()}: the platform's limits per
         * key, 1000 general and 100 run-creating requests per 300 s): every call reserves room in
         * its key's bucket before it is sent and waits for it without holding a thread, up to the
         * longest wait, beyond which it fails with
         * {@link io.github.civis.client.error.CivisRateBudgetException}.
         * {@link RateLimitSettings#disabled()} sends calls at once.
         * @param settings limits, longest wait, poll share
         * @return this builder
         */
        public Builder rateLimit(RateLimitSettings settings) {
            this.rateLimitSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Where the rate budget's buckets live (default: a {@link LocalRateLimitStore} of this
         * client's own). A store shared by every instance that uses the key (the Spring Boot
         * starter's Redis store) keeps them together inside one budget.
         * @param store the store
         * @return this builder
         */
        public Builder rateLimitStore(RateLimitStore store) {
            this.rateLimitStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Settings of file uploads and downloads (default {@link FileTransferSettings#defaults()}).
         * @param settings multipart threshold, part concurrency, transfer timeout, listener
         * @return this builder
         */
        public Builder fileTransfers(FileTransferSettings settings) {
            this.fileTransferSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Base URL of the API; defaults to {@code CIVIS_API_ENDPOINT}, else {@value CivisClient#DEFAULT_BASE_URL}.
         * @param baseUrl an absolute http or https URL
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * Base URL of the API.
         * @param baseUrl an absolute http or https URL
         * @return this builder
         */
        public Builder baseUrl(URI baseUrl) {
            return baseUrl(baseUrl.toString());
        }

        /**
         * The API key; defaults to {@code CIVIS_API_KEY}. Replaces a key supplier.
         * @param apiKey the key
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            this.apiKeySupplier = null;
            return this;
        }

        /**
         * Supplies the API key, asked on every attempt so that a rotated key is used at once.
         * Replaces a fixed key.
         * @param apiKeySupplier returns the current key
         * @return this builder
         */
        public Builder apiKeySupplier(Supplier<String> apiKeySupplier) {
            this.apiKeySupplier = Objects.requireNonNull(apiKeySupplier, "apiKeySupplier");
            this.apiKey = null;
            return this;
        }

        /**
         * Longest wait for a connection to open (default 10 s).
         * @param connectTimeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Longest wait for the response's status and headers once the request is sent (default
         * 60 s); running out fails the attempt with a {@link CivisTimeoutException} of phase
         * {@code RESPONSE}. The body that follows is bounded by the {@link #callTimeout call
         * timeout}, not by this one: a body that arrives slowly, or pauses, is read for as long
         * as the call timeout allows.
         * @param responseTimeout a positive duration
         * @return this builder
         */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = positive(responseTimeout, "responseTimeout");
            return this;
        }

        /**
         * Longest time for one attempt from sending to reading the whole body (default 2 min);
         * {@code null} for none. It is what bounds a body that trickles in: with none, such a
         * body is read for as long as the server keeps sending. The retry policy's
         * {@code maxElapsed} bounds all attempts together.
         * @param callTimeout a positive duration or {@code null}
         * @return this builder
         */
        public Builder callTimeout(@Nullable Duration callTimeout) {
            this.callTimeout = (callTimeout != null) ? positive(callTimeout, "callTimeout") : null;
            return this;
        }

        /**
         * When to retry (default {@link CivisRetryPolicy#defaults()}).
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(CivisRetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * The {@code User-Agent} header (default {@code civis-java/<version> Java/<version>}).
         * @param userAgent the header value
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * A {@code WebClient.Builder} to start from (Spring Boot's, with its customizations). It is
         * cloned, never changed; the clone gets this client's connector (timeouts, pool; adjust it
         * with {@link #httpClientCustomizer}), buffer limit and request-details logging turned
         * off, and keeps its filters and codecs. Without one, calls go straight to Reactor Netty
         * with the same connector, which spares each call the {@code WebClient}'s own work.
         * @param webClientBuilder the builder
         * @return this builder
         */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            this.webClientBuilder = webClientBuilder;
            return this;
        }

        /**
         * Most open connections to the API (default 500, what a {@code WebClient} with its
         * default connector gets from Reactor Netty's shared pool): as many calls as this run at
         * once, further calls wait for a free connection. Connections are opened only as calls
         * need them, so a quiet application holds few.
         * @param maxConnections at least 1
         * @return this builder
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * Largest response body held in memory (default 64 MB; WebClient's own 256 KB is too
         * small for large Civis lists).
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxInMemorySize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxInMemorySize must be positive, was " + bytes);
            }
            this.maxInMemorySize = bytes;
            return this;
        }

        /**
         * Where call observations go (default {@link ObservationRegistry#NOOP}).
         * @param observationRegistry the registry
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
            return this;
        }

        /**
         * A convention replacing the default tags of call observations.
         * @param observationConvention the convention, or {@code null} for the default
         * @return this builder
         */
        public Builder observationConvention(@Nullable CivisClientObservationConvention observationConvention) {
            this.observationConvention = observationConvention;
            return this;
        }

        /**
         * Adds a listener told about retries and rate-limit headers (e.g. for a retry counter).
         * Listeners compose: each one added is told, in the order added.
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(CivisClientListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adjusts the Reactor Netty client this client builds, after its connect and response
         * timeouts and its connection pool are set: for TLS settings such as a trust store
         * ({@code http.secure(spec -> spec.sslContext(...))}), a proxy or a resolver. It applies
         * to every connection the client opens: to the API and to the storage URLs of file
         * transfers (which keep their own pool and transfer timeout, and never get the API key).
         * Replaces an earlier customizer.
         * @param httpClientCustomizer returns the adjusted client
         * @return this builder
         */
        public Builder httpClientCustomizer(UnaryOperator<HttpClient> httpClientCustomizer) {
            this.httpClientCustomizer = Objects.requireNonNull(httpClientCustomizer, "httpClientCustomizer");
            return this;
        }

        /**
         * Where the application sets the key, named when the API rejects it (default
         * "CivisClient.builder().apiKey(...) or the CIVIS_API_KEY environment variable"); the
         * Spring Boot starter names its {@code civis.api-key} property.
         * @param apiKeySource a phrase completing "set it with ..."
         * @return this builder
         */
        public Builder apiKeySource(String apiKeySource) {
            this.apiKeySource = Objects.requireNonNull(apiKeySource, "apiKeySource");
            return this;
        }

        /**
         * Builds the client.
         * @return the client
         * @throws CivisConfigurationException when the base URL is not an absolute http(s) URL or
         *         no usable API key is set, naming the setting and its environment variable
         */
        public CivisClient build() {
            Function<String, @Nullable String> environment = hooks.environment();
            Supplier<String> key = resolveApiKey(environment);
            URI base = resolveBaseUrl(key, environment);
            Map<String, String> extraHeaders = new LinkedHashMap<>();
            putIfSet(extraHeaders, "X-Civis-Job-ID", environment.apply(JOB_ID_ENV));
            putIfSet(extraHeaders, "X-Civis-Run-ID", environment.apply(RUN_ID_ENV));
            TransportSettings settings = new TransportSettings(base, key,
                    (userAgent != null && !userAgent.isBlank()) ? userAgent : defaultUserAgent(), extraHeaders,
                    connectTimeout, responseTimeout, callTimeout, retryPolicy, hooks.sleeper(), hooks.clock(),
                    observationRegistry, observationConvention, listener(), apiKeySource);
            ConnectionProvider pool = ConnectionProvider.builder("civis")
                    .maxConnections(maxConnections)
                    .pendingAcquireMaxCount(-1)
                    // Below typical load-balancer idle timeouts, so a pooled connection is not
                    // reused just as the server side drops it.
                    .maxIdleTime(Duration.ofSeconds(30))
                    .build();
            // One connection configuration for every request the client makes, API and storage
            // alike: the storage URLs need the application's proxy and TLS trust as much as the API.
            Function<ConnectionProvider, HttpClient> connections = connections(connectTimeout, responseTimeout,
                    httpClientCustomizer);
            HttpClient http = connections.apply(pool);
            RateBudget budget = new RateBudget(rateLimitSettings,
                    (rateLimitStore != null) ? rateLimitStore : new LocalRateLimitStore(), key, settings.listener());
            if (webClientBuilder == null) {
                // Nothing of an application's to apply per request: straight to Reactor Netty.
                return new CivisClient(new Parts(new DefaultCivisTransport(http, maxInMemorySize, settings, budget),
                        pool, fileTransferSettings, null, connections));
            }
            WebClient webClient = webClientBuilder.clone().baseUrl(base.toString())
                    .clientConnector(new ReactorClientHttpConnector(http))
                    .codecs(codecs -> {
                        codecs.defaultCodecs().maxInMemorySize(maxInMemorySize);
                        // Request details include the Authorization header: whatever the
                        // application's codec settings, this client's exchanges never log them.
                        codecs.defaultCodecs().enableLoggingRequestDetails(false);
                    })
                    .build();
            return new CivisClient(new Parts(new DefaultCivisTransport(webClient, settings, budget), pool,
                    fileTransferSettings, null, connections));
        }

        /**
         * The Reactor Netty client over a pool: connect and response timeouts, then the
         * application's customizer (TLS, proxy, resolver, ...).
         */
        private static Function<ConnectionProvider, HttpClient> connections(Duration connectTimeout,
                Duration responseTimeout, @Nullable UnaryOperator<HttpClient> customizer) {
            return pool -> {
                HttpClient http = ResponseHeadersTimeout.apply(HttpClient.create(pool)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                                (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis())),
                        responseTimeout);
                return (customizer != null)
                        ? Objects.requireNonNull(customizer.apply(http), "httpClientCustomizer returned null") : http;
            };
        }

        private CivisClientListener listener() {
            return switch (listeners.size()) {
                case 0 -> CivisClientListener.NONE;
                case 1 -> listeners.get(0);
                default -> CivisClientListener.composite(listeners);
            };
        }

        private Supplier<String> resolveApiKey(Function<String, @Nullable String> environment) {
            if (apiKeySupplier != null) {
                return apiKeySupplier;
            }
            if (apiKey != null) {
                String explicit = apiKey.trim();
                if (explicit.isEmpty()) {
                    throw new CivisConfigurationException("apiKey", API_KEY_ENV,
                            "apiKey is empty: pass a Civis API key to CivisClient.builder().apiKey(...)");
                }
                return () -> explicit;
            }
            String fromEnvironment = environment.apply(API_KEY_ENV);
            if (fromEnvironment == null) {
                throw new CivisConfigurationException("apiKey", API_KEY_ENV, "apiKey is not set: pass a Civis API "
                        + "key to CivisClient.builder().apiKey(...) or set the " + API_KEY_ENV
                        + " environment variable");
            }
            String trimmed = fromEnvironment.trim();
            if (trimmed.isEmpty()) {
                throw new CivisConfigurationException("apiKey", API_KEY_ENV, "apiKey is empty: the " + API_KEY_ENV
                        + " environment variable is set but blank");
            }
            return () -> trimmed;
        }

        private URI resolveBaseUrl(Supplier<String> key, Function<String, @Nullable String> environment) {
            String value = baseUrl;
            String source = "set with CivisClient.builder().baseUrl(...)";
            if (value == null) {
                value = environment.apply(BASE_URL_ENV);
                source = "read from the " + BASE_URL_ENV + " environment variable";
            }
            if (value == null) {
                return URI.create(DEFAULT_BASE_URL);
            }
            String trimmed = value.trim();
            if (hasNoScheme(trimmed)) {
                // Without a scheme, user information would be the text before an '@': never shown.
                String hostPart = hideKey(trimmed.replaceFirst("^[^/@]*@", ""), key);
                throw new CivisConfigurationException("baseUrl", BASE_URL_ENV, "baseUrl must be an absolute http or "
                        + "https URL, but '" + hostPart + "' has no scheme: add https:// in front (https://"
                        + hostPart + (trimmed.endsWith("/") ? "" : "/") + "), or http:// for a local "
                        + "simulator; it was " + source);
            }
            URI uri = null;
            try {
                uri = new URI(trimmed);
            }
            catch (java.net.URISyntaxException ex) {
                // reported below
            }
            String scheme = (uri != null && uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
            // Only built for a message: reading the key supplier here would take a rotating key's turn.
            Supplier<String> shown = () -> hideKey(withoutUserInfo(trimmed), key);
            if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new CivisConfigurationException("baseUrl", BASE_URL_ENV, "baseUrl must be an absolute http or "
                        + "https URL such as " + DEFAULT_BASE_URL + ", but '" + shown.get() + "' was " + source);
            }
            if (uri.getRawUserInfo() != null) {
                // Never sent (the API key is the credential), yet it would show wherever the URL is printed.
                throw new CivisConfigurationException("baseUrl", BASE_URL_ENV, "baseUrl must not carry user "
                        + "information (user:password@): the client never sends it. Use '" + shown.get() + "' instead; it was "
                        + source);
            }
            return trimmed.endsWith("/") ? uri : URI.create(trimmed + "/");
        }

        /** The URL with anything between {@code scheme://} and an {@code @} of the authority left out. */
        private static String withoutUserInfo(String url) {
            return USER_INFO.matcher(url).replaceFirst("$1");
        }

        /** A host name or address, maybe with a port and path, but no {@code scheme://} in front. */
        private static boolean hasNoScheme(String url) {
            return !url.contains("://") && !url.isEmpty() && Character.isLetterOrDigit(url.charAt(0))
                    && url.chars().noneMatch(Character::isWhitespace);
        }

        private static String hideKey(String text, Supplier<String> key) {
            // Guards against a key pasted into the wrong setting ending up in the message.
            String secret = (key != null) ? key.get() : null;
            return (secret == null || secret.isBlank()) ? text : text.replace(secret.trim(), "(hidden)");
        }

        private static void putIfSet(Map<String, String> headers, String name, @Nullable String value) {
            if (value != null && !value.isBlank()) {
                headers.put(name, value.trim());
            }
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
            }
            return duration;
        }

        private static String defaultUserAgent() {
            String version = CivisClient.class.getPackage().getImplementationVersion();
            return "civis-java/" + ((version != null) ? version : "dev") + " Java/"
                    + System.getProperty("java.version", "unknown");
        }
    }
}
