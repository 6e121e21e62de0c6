package io.github.civis.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import io.github.civis.client.error.CivisConfigurationException;
import io.github.civis.client.error.CivisTimeoutException;
import io.github.civis.client.files.CivisFileTransfers;
import io.github.civis.client.files.FileTransferListener;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.files.ReactiveCivisFileTransfers;
import io.github.civis.client.internal.ClientHooks;
import io.github.civis.client.internal.transport.DefaultCivisTransport;
import io.github.civis.client.lookup.CivisLookups;
import io.github.civis.client.lookup.LookupCache;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisClientObservationConvention;
import io.github.civis.client.ratelimit.RateBucket;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.ratelimit.RateLimitStatus;
import io.github.civis.client.ratelimit.RateLimitStore;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.runs.CivisRunListener;
import io.github.civis.client.runs.CivisRuns;
import io.github.civis.client.runs.ReactiveCivisRuns;
import io.github.civis.client.runs.RunPolling;
import io.github.civis.client.runs.RunTimer;
import io.github.civis.client.sql.CivisSql;
import io.github.civis.client.sql.ReactiveCivisSql;
import io.github.civis.client.tables.CivisTableTransfers;
import io.github.civis.client.tables.ReactiveCivisTableTransfers;
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
 *
 * <p>Beside the generated API groups stand the workflows ({@link #runs()}, {@link #fileTransfers()},
 * {@link #sql()}, ...): built from the builder's settings, each accessor answers the same instance.
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
    /** How long SQL queries, exports and imports are awaited by default ({@link Builder#workflowTimeout}). */
    public static final Duration WORKFLOW_TIMEOUT = Duration.ofHours(1);

    private final DefaultCivisTransport transport;
    private final @Nullable ConnectionProvider ownedPool;
    private final Workflows workflows;

    private CivisClient(DefaultCivisTransport transport, @Nullable ConnectionProvider ownedPool, Workflows workflows) {
        super(transport);
        this.transport = transport;
        this.ownedPool = ownedPool;
        this.workflows = workflows;
    }

    /**
     * A view of this client that tries every call once, without retries, over the same
     * connections and with the same workflow settings: for checks that must answer within their
     * own time limit, such as a health check. Closing the view does not close this client.
     */
    public CivisClient withoutRetries() {
        DefaultCivisTransport once = transport.withRetryPolicy(CivisRetryPolicy.none());
        return new CivisClient(once, null, new Workflows(once, workflows.settings(), workflows.fileEngine()));
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment ({@code CIVIS_API_KEY}, {@code CIVIS_API_ENDPOINT}).
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
     * The transport the generated API calls through, with this client's authorization, retries,
     * rate budget, errors and metrics: for calling an operation described by an
     * {@link io.github.civis.client.transport.OperationDescriptor} yourself, such as one the
     * bundled catalog does not have yet, or reading a response as plain JSON.
     */
    public CivisTransport transport() {
        return transport;
    }

    /**
     * The rate-limit headers of the latest response that carried them; {@link RateLimitStatus#unknown()}
     * before the first one. Cheap to read, so suitable for a gauge.
     */
    public RateLimitStatus rateLimit() {
        return transport.rateLimit();
    }

    /** The rate budget's settings: limits, longest wait, poll share. */
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

    // --- the workflows, beside the generated groups; each is made on first use

    /**
     * Runs of jobs, blocking: start, await, cancel, follow logs, read outputs; polling as the
     * builder says. All runs share one timer thread, started on first use, stopped by {@link #close()}.
     */
    public CivisRuns runs() {
        return workflows.runs();
    }

    /** Runs of jobs, reactive; lazy, and cancelling a subscriber stops its polling. */
    public ReactiveCivisRuns reactiveRuns() {
        return workflows.reactiveRuns();
    }

    /**
     * Uploads and downloads of Civis files, blocking, streamed with constant memory over storage
     * URLs that never see the API key. The {@code files} API group is {@link #files()}.
     */
    public CivisFileTransfers fileTransfers() {
        return workflows.fileTransfers();
    }

    /** Uploads and downloads of Civis files, reactive. The {@code files} API group is {@link #reactiveFiles()}. */
    public ReactiveCivisFileTransfers reactiveFileTransfers() {
        return workflows.reactiveFileTransfers();
    }

    /**
     * Name-to-id lookups (databases, tables, credentials, storage hosts, the current user), kept
     * in the builder's {@link Builder#lookupCache lookup cache}, shared by SQL and tables.
     */
    public CivisLookups lookups() {
        return workflows.lookups();
    }

    /** SQL, blocking: query previews, exports, results streamed as CSV rows. */
    public CivisSql sql() {
        return workflows.sql();
    }

    /** SQL, reactive: query previews, exports, results as a {@code Flux} of CSV rows. */
    public ReactiveCivisSql reactiveSql() {
        return workflows.reactiveSql();
    }

    /** CSV imports, table copies and refreshes, blocking and awaited. The {@code tables} group is {@link #tables()}. */
    public CivisTableTransfers tableTransfers() {
        return workflows.tableTransfers();
    }

    /** Table transfers, reactive, as lazy publishers. The reactive group is {@link #reactiveTables()}. */
    public ReactiveCivisTableTransfers reactiveTableTransfers() {
        return workflows.reactiveTableTransfers();
    }

    /** How long SQL queries, exports and imports are awaited unless the caller says otherwise. */
    public Duration workflowTimeout() {
        return workflows.settings().workflowTimeout();
    }

    /**
     * Releases the connection pools this client created (not one the caller's connector owns) and
     * stops the timer thread of its runs.
     */
    @Override
    public void close() {
        workflows.close(ownedPool != null);
        transport.close();
        if (ownedPool != null) {
            ownedPool.dispose();
        }
    }

    @Override
    public String toString() {
        return "CivisClient{baseUrl=" + baseUrl() + ", userAgent=" + userAgent() + ", apiKey=(hidden)}";
    }

    /**
     * Builds a {@link CivisClient}: the connection, the transport and every workflow setting. Not
     * thread-safe. Every setter returns this builder; {@link #build()} validates every setting and
     * fails with a {@link CivisConfigurationException} naming the one at fault.
     */
    public static final class Builder {

        // Every setting, read by TransportAssembly and Workflows when the client is built.
        private final ClientSettings settings = new ClientSettings();

        private Builder() {
        }

        /**
         * How every wait for a run polls its state, the waits of SQL queries and table imports
         * included (default {@link RunPolling#defaults()}: 1 s, ×1.2, at most 15 s, with jitter).
         */
        public Builder runPolling(RunPolling polling) {
            settings.runPolling = Objects.requireNonNull(polling, "polling");
            return this;
        }

        /**
         * Adds a listener told about every wait for a run and each of its polls (e.g. for
         * metrics). Listeners compose: each one added is told, in the order added.
         */
        public Builder runListener(CivisRunListener listener) {
            settings.runListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Times the waits between polls instead of the client's own timer thread; tests pass one
         * that moves a fake clock and completes at once.
         */
        public Builder runTimer(RunTimer timer) {
            settings.runTimer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        /**
         * Where the {@link CivisClient#lookups() lookups} keep their answers (default
         * {@link LookupCache#bounded}: 5 minutes, 256 entries, of this client's own).
         */
        public Builder lookupCache(LookupCache cache) {
            settings.lookupCache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Settings of file uploads and downloads (default {@link FileTransferSettings#defaults()}). */
        public Builder fileTransfers(FileTransferSettings transfers) {
            settings.fileTransferSettings = Objects.requireNonNull(transfers, "transfers");
            return this;
        }

        /**
         * Adds a listener told about every finished upload and download (e.g. for metrics),
         * after the one of the {@link #fileTransfers file transfer settings}. Listeners compose:
         * each one added is told, in the order added.
         */
        public Builder fileTransferListener(FileTransferListener listener) {
            settings.fileTransferListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * How long SQL queries, exports and table imports are awaited unless the caller says
         * otherwise (default {@link CivisClient#WORKFLOW_TIMEOUT}, an hour).
         */
        public Builder workflowTimeout(Duration timeout) {
            settings.workflowTimeout = ClientSettings.positive(timeout, "workflowTimeout");
            return this;
        }

        /**
         * Adjusts how the client waits between attempts, tells time and reads environment
         * variables. Not for applications: {@link ClientHooks} is internal, for the project's own
         * tests and tools ({@code hooks(h -> h.withSleeper(...))}).
         * @param adjustment returns the adjusted hooks
         */
        public Builder hooks(UnaryOperator<ClientHooks> adjustment) {
            settings.hooks = Objects.requireNonNull(adjustment.apply(settings.hooks), "hooks");
            return this;
        }

        /**
         * The rate budget (default {@link RateLimitSettings#defaults()}: the platform's 1000 general
         * and 100 run-creating requests per 300 s per key): every call reserves room in its key's
         * bucket and waits for it without holding a thread, up to the longest wait, beyond which it
         * fails with {@code CivisRateBudgetException}. {@link RateLimitSettings#disabled()} sends at once.
         */
        public Builder rateLimit(RateLimitSettings rateLimit) {
            settings.rateLimitSettings = Objects.requireNonNull(rateLimit, "rateLimit");
            return this;
        }

        /**
         * Where the rate budget's buckets live (default: a {@code LocalRateLimitStore} of this
         * client's own). A store shared by every instance that uses the key (the Spring Boot
         * starter's Redis store) keeps them together inside one budget.
         */
        public Builder rateLimitStore(RateLimitStore store) {
            settings.rateLimitStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Base URL of the API, an absolute http or https URL; defaults to {@code CIVIS_API_ENDPOINT},
         * else {@value CivisClient#DEFAULT_BASE_URL}.
         */
        public Builder baseUrl(String baseUrl) {
            settings.baseUrl = baseUrl;
            return this;
        }

        /** Base URL of the API, an absolute http or https URL. */
        public Builder baseUrl(URI baseUrl) {
            return baseUrl(baseUrl.toString());
        }

        /** The API key; defaults to {@code CIVIS_API_KEY}. Replaces a key supplier. */
        public Builder apiKey(String apiKey) {
            settings.apiKey = apiKey;
            settings.apiKeySupplier = null;
            return this;
        }

        /** Supplies the API key, asked on every attempt so that a rotated key is used at once; replaces a key. */
        public Builder apiKeySupplier(Supplier<String> apiKeySupplier) {
            settings.apiKeySupplier = Objects.requireNonNull(apiKeySupplier, "apiKeySupplier");
            settings.apiKey = null;
            return this;
        }

        /** Longest wait for a connection to open (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            settings.connectTimeout = ClientSettings.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Longest wait for the response's status and headers once the request is sent (default
         * 60 s); running out fails the attempt with a {@link CivisTimeoutException} of phase
         * {@code RESPONSE}. The body that follows is bounded by the {@link #callTimeout call
         * timeout} only: a body that arrives slowly, or pauses, is read as long as that allows.
         */
        public Builder responseTimeout(Duration responseTimeout) {
            settings.responseTimeout = ClientSettings.positive(responseTimeout, "responseTimeout");
            return this;
        }

        /**
         * Longest time for one attempt from sending to reading the whole body (default 2 min);
         * {@code null} for none. It is what bounds a body that trickles in: with none, such a
         * body is read for as long as the server keeps sending. The retry policy's
         * {@code maxElapsed} bounds all attempts together.
         * @param callTimeout a positive duration or {@code null}
         */
        public Builder callTimeout(@Nullable Duration callTimeout) {
            settings.callTimeout = (callTimeout != null) ? ClientSettings.positive(callTimeout, "callTimeout") : null;
            return this;
        }

        /** When to retry (default {@link CivisRetryPolicy#defaults()}). */
        public Builder retryPolicy(CivisRetryPolicy retryPolicy) {
            settings.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** The {@code User-Agent} header (default {@code civis-java/<version> Java/<version>}). */
        public Builder userAgent(String userAgent) {
            settings.userAgent = userAgent;
            return this;
        }

        /**
         * A {@code WebClient.Builder} to start from (Spring Boot's, with its customizations). It is
         * cloned, never changed; the clone gets this client's connector (timeouts, pool; adjust it
         * with {@link #httpClientCustomizer}), buffer limit and request-details logging turned
         * off, and keeps its filters and codecs. Without one, calls go straight to Reactor Netty
         * with the same connector, which spares each call the {@code WebClient}'s own work.
         */
        public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
            settings.webClientBuilder = webClientBuilder;
            return this;
        }

        /**
         * Most open connections to the API (default 500, as Reactor Netty's shared pool): as many
         * calls as this run at once, further calls wait for a free connection. Connections are
         * opened only as calls need them, so a quiet application holds few.
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
            }
            settings.maxConnections = maxConnections;
            return this;
        }

        /**
         * Sends each single blocking call (such as {@code client.credentials().get(id)}) on the
         * calling thread with blocking sockets, instead of handing it to a Reactor Netty event
         * loop and waiting to be woken: on platform threads, far less CPU and more calls per
         * second when many threads call at once (see docs/performance.md). Reactive calls, streams,
         * pages and file transfers keep Reactor Netty. Default {@code false}.
         *
         * <p>Needs {@code org.apache.httpcomponents.client5:httpclient5} on the class path. The
         * blocking calls get a pool of their own (as large as {@link #maxConnections}) and the
         * same timeouts, headers, retries, limits and errors. It cannot be combined with
         * {@link #webClientBuilder} or {@link #httpClientCustomizer}, whose settings (filters,
         * TLS, proxy) it could not apply: {@link #build()} refuses the combination. An interrupt
         * is answered before a call is sent; once sent, the call ends with its answer or its
         * timeouts.
         */
        public Builder blockingIo(boolean blockingIo) {
            settings.blockingIo = blockingIo;
            return this;
        }

        /**
         * Largest response body held in memory (default 64 MB; WebClient's own 256 KB is too
         * small for large Civis lists).
         */
        public Builder maxInMemorySize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxInMemorySize must be positive, was " + bytes);
            }
            settings.maxInMemorySize = bytes;
            return this;
        }

        /** Where call observations go (default {@link ObservationRegistry#NOOP}). */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            settings.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
            return this;
        }

        /** A convention replacing the default tags of call observations; {@code null} for the default. */
        public Builder observationConvention(@Nullable CivisClientObservationConvention observationConvention) {
            settings.observationConvention = observationConvention;
            return this;
        }

        /**
         * Adds a listener told about retries and rate-limit headers (e.g. for a retry counter).
         * Listeners compose: each one added is told, in the order added.
         */
        public Builder listener(CivisClientListener listener) {
            settings.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adjusts the Reactor Netty client this client builds, after its timeouts and pool are set:
         * for TLS ({@code http.secure(spec -> spec.sslContext(...))}), a proxy or a resolver. It
         * applies to every connection: to the API and to the storage URLs of file transfers (which
         * keep their own pool and transfer timeout, and never get the API key). Replaces an earlier one.
         */
        public Builder httpClientCustomizer(UnaryOperator<HttpClient> httpClientCustomizer) {
            settings.httpClientCustomizer = Objects.requireNonNull(httpClientCustomizer, "httpClientCustomizer");
            return this;
        }

        /**
         * Where the application sets the key, named when the API rejects it (default
         * "CivisClient.builder().apiKey(...) or the CIVIS_API_KEY environment variable"); the
         * Spring Boot starter names its {@code civis.api-key} property.
         * @param apiKeySource a phrase completing "set it with ..."
         */
        public Builder apiKeySource(String apiKeySource) {
            settings.apiKeySource = Objects.requireNonNull(apiKeySource, "apiKeySource");
            return this;
        }

        /**
         * Builds the client.
         * @throws CivisConfigurationException when the base URL is not an absolute http(s) URL or
         *         no usable API key is set, naming the setting and its environment variable
         */
        public CivisClient build() {
            TransportAssembly assembled = TransportAssembly.of(settings);
            return new CivisClient(assembled.transport(), assembled.pool(), Workflows.of(assembled,
                    settings.workflowSettings()));
        }
    }
}
