package io.github.civis.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.civis.catalog.Catalog;
import io.github.civis.simulator.faults.FaultRule;
import io.github.civis.simulator.faults.Faults;
import io.github.civis.simulator.http.CivisApi;
import io.github.civis.simulator.http.EndpointsDocument;
import io.github.civis.simulator.http.RateLimits;
import io.github.civis.simulator.http.RouteTable;
import io.github.civis.simulator.http.ServerStats;
import io.github.civis.simulator.http.SimulatorHandler;
import io.github.civis.simulator.http.SimulatorServer;
import io.github.civis.simulator.sql.Seed;
import io.github.civis.simulator.sql.SimulatedDatabases;
import io.github.civis.simulator.sql.TableFiles;
import io.github.civis.simulator.state.JobRuns;
import io.github.civis.simulator.state.ObjectStore;
import io.github.civis.simulator.state.RunOutcome;
import io.github.civis.simulator.state.SampleFactory;
import io.github.civis.simulator.state.SimulatedUser;
import io.github.civis.simulator.state.StoredFiles;
import org.jspecify.annotations.Nullable;

/**
 * A stateful simulator of the Civis Platform API, driven by the client's catalog: every route
 * answers with its response type's shape, created objects are stored, runs advance on a clock,
 * files upload and download, and faults can be injected.
 *
 * <pre>{@code
 * try (CivisSimulator simulator = CivisSimulator.builder().apiKey("test-key").build().start()) {
 *     CivisClient client = CivisClient.builder().baseUrl(simulator.baseUrl()).apiKey("test-key").build();
 *     simulator.faults().add(FaultRule.status(503).times(1));
 *     ...
 * }
 * }</pre>
 */
public final class CivisSimulator implements AutoCloseable {

    /** Where the catalog lives on the classpath (in {@code civis-catalog}). */
    public static final String CATALOG_RESOURCE = "/" + Catalog.RESOURCE;

    private static volatile @Nullable Catalog defaultCatalog;

    private final String host;
    private final int requestedPort;
    private final Map<String, SimulatedUser> usersByKey;
    private final Faults faults;
    private final ServerStats stats = new ServerStats();
    private final SimulatorServer server;
    private final SimulatedDatabases databases;
    private final CivisApi api;
    private final JobRuns runs;
    private final StoredFiles storedFiles;
    private final ObjectStore store;
    /** The users of the API keys, in the order made (so in the order of their ids). */
    private final List<SimulatedUser> users;
    private final List<Seed> builderSeeds;
    private final List<FaultRule> builderFaults;
    private volatile @Nullable String baseUrl;

    private CivisSimulator(Builder builder) {
        Catalog catalog = (builder.catalog != null) ? builder.catalog : defaultCatalog();
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.faults = new Faults(builder.faultSeed);
        builder.faults.forEach(faults::add);
        ObjectStore store = new ObjectStore();
        this.store = store;
        this.builderSeeds = List.copyOf(builder.seeds);
        this.builderFaults = List.copyOf(builder.faults);
        SampleFactory samples = new SampleFactory(catalog, builder.clock);
        this.runs = new JobRuns(builder.clock, builder.runStep, store);
        RouteTable routes = new RouteTable(catalog);
        this.storedFiles = new StoredFiles(builder.clock);
        this.databases = new SimulatedDatabases(store::nextId, new TableFiles(builder.maxTableBytes));
        CivisApi api = new CivisApi(routes, samples, store, runs, storedFiles, this::baseUrl, databases);
        this.api = api;
        Map<String, SimulatedUser> users = new LinkedHashMap<>();
        Map<String, SimulatedUser> byName = new LinkedHashMap<>();
        builder.apiKeys.forEach((key, username) -> {
            SimulatedUser user = byName.computeIfAbsent(username, name -> {
                SimulatedUser created = new SimulatedUser(store.nextId(), name);
                api.addUser(created);
                return created;
            });
            users.put(key, user);
        });
        this.usersByKey = java.util.Collections.unmodifiableMap(users);
        this.users = List.copyOf(byName.values());
        builder.seeds.forEach(api::seed);
        this.server = new SimulatorServer(new SimulatorHandler(routes, api, usersByKey, faults, stats,
                builder.rateLimit, !isLoopback(builder.host), builder.maxRequestBodyBytes,
                (builder.endpointsDocument != null) ? builder.endpointsDocument : EndpointsDocument.of(catalog),
                new RateLimits(builder.generalLimit, builder.runCreatingLimit, builder.clock::millis)));
    }

    /** Whether an address to listen on is a loopback one, reachable from this machine only. */
    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (java.net.UnknownHostException ex) {
            return false;
        }
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The catalog shipped with {@code civis-catalog}, read once. */
    public static Catalog defaultCatalog() {
        Catalog catalog = defaultCatalog;
        if (catalog == null) {
            try (InputStream in = CivisSimulator.class.getResourceAsStream(CATALOG_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("No Civis catalog on the classpath at " + CATALOG_RESOURCE);
                }
                catalog = Catalog.read(in);
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Cannot read the Civis catalog", ex);
            }
            defaultCatalog = catalog;
        }
        return catalog;
    }

    /**
     * Starts listening.
     *
     * @return this simulator
     */
    public CivisSimulator start() {
        server.start(host, requestedPort);
        String urlHost = host.contains(":") ? "[" + host + "]" : host;
        baseUrl = "http://" + urlHost + ":" + server.port() + "/";
        return this;
    }

    /**
     * Stops listening and deletes the stored file contents and the rows of imported tables (kept
     * in temporary directories); the other state is kept until the simulator is garbage.
     */
    public void stop() {
        server.stop();
        storedFiles.close();
        databases.files().close();
    }

    /**
     * The stored file contents, with what the storage URLs saw: the requests' headers, part
     * uploads and multipart completions, for tests to check.
     */
    public StoredFiles storage() {
        return storedFiles;
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123/}, once started. */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw new IllegalStateException("The simulator has not been started");
        }
        return url;
    }

    /** The port listened on, once started. */
    public int port() {
        return server.port();
    }

    /** The first configured API key. */
    public String apiKey() {
        return usersByKey.keySet().iterator().next();
    }

    /** Every configured API key with its user name. */
    public Map<String, String> apiKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        usersByKey.forEach((key, user) -> keys.put(key, user.username()));
        return keys;
    }

    /** The user id behind an API key. */
    public long userId(String apiKey) {
        SimulatedUser user = usersByKey.get(apiKey);
        if (user == null) {
            throw new IllegalArgumentException("Not a configured API key");
        }
        return user.id();
    }

    /** The fault rules, changeable while running. */
    public Faults faults() {
        return faults;
    }

    /**
     * Scripts how the next runs of a job go: how long they stay queued and run, the state they end
     * in, the error text, the log lines they write over time and the outputs they leave. For a
     * template's id, the runs of custom scripts made from that template go that way (unless the
     * script's own id is scripted). Also available as {@code POST /_simulator/jobs/{id}/outcome}.
     * @param jobOrTemplateId the job's or template's id
     * @param outcome how the runs go
     * @return this simulator
     */
    public CivisSimulator runOutcome(long jobOrTemplateId, RunOutcome outcome) {
        runs.script(jobOrTemplateId, outcome);
        return this;
    }

    /** What the server has done so far. */
    public ServerStats stats() {
        return stats;
    }

    /**
     * Adds databases, tables (replacing those of the same name), credentials and storage hosts
     * while running.
     *
     * @param seed what to add
     * @return this simulator
     */
    public CivisSimulator seed(Seed seed) {
        api.seed(seed);
        return this;
    }

    /**
     * Puts the simulator back as it was built, while it keeps running on the same URL: every
     * object made through the API, every run and scripted outcome, every stored file, every
     * database and table, the fault rules and the statistics are forgotten; then the users of
     * the API keys, the builder's seeds and fault rules are put back, under the same ids as the
     * first time. For tests that share one simulator but must not see each other's data
     * ({@code @CivisSimulatorTest} does it before each test class that reuses a context).
     * Calls in flight while it runs may see a mix of old and new state.
     *
     * @return this simulator
     */
    public synchronized CivisSimulator reset() {
        faults.clear();
        stats.reset();
        runs.clear();
        storedFiles.clear();
        databases.clear();
        store.clear();
        for (SimulatedUser user : users) {
            long id = store.nextId();
            if (id != user.id()) {
                throw new IllegalStateException("User " + user.username() + " would get id " + id + " instead of "
                        + user.id());
            }
            api.addUser(user);
        }
        builderSeeds.forEach(api::seed);
        builderFaults.forEach(faults::add);
        return this;
    }

    /** The seeded databases and their tables, as they are now (imports change them). */
    public SimulatedDatabases databases() {
        return databases;
    }

    /** Builds a {@link CivisSimulator}. */
    public static final class Builder {

        private final Map<String, String> apiKeys = new LinkedHashMap<>();
        private String host = "127.0.0.1";
        private int port;
        private Duration runStep = Duration.ofMillis(300);
        private Clock clock = Clock.systemUTC();
        private final List<FaultRule> faults = new ArrayList<>();
        private long faultSeed = 42;
        private int rateLimit = 1000;
        private RateLimits.@Nullable Limit generalLimit;
        private RateLimits.@Nullable Limit runCreatingLimit;
        private long maxRequestBodyBytes = SimulatorHandler.DEFAULT_MAX_BODY_BYTES;
        private long maxTableBytes = TableFiles.DEFAULT_MAX_BYTES;
        private @Nullable Catalog catalog;
        private @Nullable EndpointsDocument endpointsDocument;
        private final List<Seed> seeds = new ArrayList<>();

        private Builder() {
        }

        /**
         * Databases, tables, credentials and storage hosts to start with. Repeatable; a database
         * gets a database credential of the first API key's user, the first database's being
         * the default one.
         *
         * @param seed what to add
         * @return this builder
         */
        public Builder seed(Seed seed) {
            seeds.add(Objects.requireNonNull(seed, "seed"));
            return this;
        }

        /** Accepts this API key, for a user named {@code simulator}. Repeatable. */
        public Builder apiKey(String key) {
            return apiKey(key, "simulator");
        }

        /** Accepts this API key for the user of that name ({@code /users/me} answers for them). Repeatable. */
        public Builder apiKey(String key, String username) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(username, "username");
            if (key.isBlank()) {
                throw new IllegalArgumentException("An API key must not be blank");
            }
            apiKeys.put(key, username);
            return this;
        }

        /**
         * The address to listen on; default {@code 127.0.0.1}. On any address but a loopback one
         * the admin endpoints under {@code /_simulator/} need an API key too.
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to listen on; default {@code 0}, an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Port must be 0 to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** How long a run stays queued, then running; default 300 ms. {@code Duration.ZERO} ends runs at once. */
        public Builder runStep(Duration runStep) {
            if (runStep.isNegative()) {
                throw new IllegalArgumentException("Run step must not be negative");
            }
            this.runStep = runStep;
            return this;
        }

        /** The clock runs advance on; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A fault rule in force from the start. Repeatable. */
        public Builder fault(FaultRule rule) {
            faults.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Latency added to every call from the start. */
        public Builder latency(Duration latency) {
            return fault(FaultRule.latency(latency));
        }

        /** The seed behind fault rates, so that a run can be repeated; default 42. */
        public Builder faultSeed(long faultSeed) {
            this.faultSeed = faultSeed;
            return this;
        }

        /**
         * The largest API request body accepted; default 10 MB. A larger one gets 413, before it
         * is read when its {@code Content-Length} says so. Uploads to the storage URLs are exempt.
         */
        public Builder maxRequestBodyBytes(long maxRequestBodyBytes) {
            if (maxRequestBodyBytes < 0) {
                throw new IllegalArgumentException("The body limit must not be negative, was " + maxRequestBodyBytes);
            }
            this.maxRequestBodyBytes = maxRequestBodyBytes;
            return this;
        }

        /**
         * The most disk space the rows of imported and copied tables may take together; default
         * 1 GiB. The rows are kept on disk, never in the heap; an import or copy that would go
         * beyond the limit fails its run, naming the limit, and leaves the tables as they were.
         */
        public Builder maxTableBytes(long maxTableBytes) {
            if (maxTableBytes < 0) {
                throw new IllegalArgumentException("The table size limit must not be negative, was " + maxTableBytes);
            }
            this.maxTableBytes = maxTableBytes;
            return this;
        }

        /**
         * The {@code X-RateLimit-Limit} announced on answers that count against no enforced
         * limit; default 1000. Nothing is counted for them, so {@code X-RateLimit-Remaining}
         * announces the same number. To enforce a limit, use {@link #rateLimit(int, Duration)}.
         */
        public Builder rateLimit(int rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        /**
         * Enforces the platform's general limit per API key: at most {@code requests} requests
         * per window (fixed windows aligned to the epoch), run-creating ones aside; past it,
         * 429 with {@code Retry-After}. Answers then carry the key's own
         * {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}. The platform's is
         * 1000 per 300 s. Default: not enforced.
         *
         * @param requests requests allowed per window, at least 1
         * @param window the window, at least 1 ms
         * @return this builder
         */
        public Builder rateLimit(int requests, Duration window) {
            this.generalLimit = new RateLimits.Limit(requests, window);
            return this;
        }

        /**
         * Enforces the platform's limit on run-creating requests ({@code POST} to a route ending
         * in {@code /runs}) per API key, counted apart from the general limit; the platform's is
         * 100 per 300 s. Default: not enforced.
         *
         * @param requests requests allowed per window, at least 1
         * @param window the window, at least 1 ms
         * @return this builder
         */
        public Builder runRateLimit(int requests, Duration window) {
            this.runCreatingLimit = new RateLimits.Limit(requests, window);
            return this;
        }

        /** Another catalog than the one shipped with {@code civis-catalog}. */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * What {@code GET /endpoints} answers instead of the catalog's own OpenAPI 2.0 document: a
         * platform whose API has moved on (operations gone or added, parameters changed), for
         * testing how an application notices.
         *
         * @param json an OpenAPI 2.0 document
         * @return this builder
         * @throws IllegalArgumentException when the text is not JSON or has no {@code paths} object
         */
        public Builder endpointsDocument(String json) {
            this.endpointsDocument = EndpointsDocument.given(Objects.requireNonNull(json, "json"));
            return this;
        }

        /**
         * Same as {@link #endpointsDocument(String)}, read from a file.
         *
         * @param file an OpenAPI 2.0 document
         * @return this builder
         * @throws UncheckedIOException when the file cannot be read
         * @throws IllegalArgumentException when it is not JSON or has no {@code paths} object
         */
        public Builder endpointsDocument(java.nio.file.Path file) {
            this.endpointsDocument = EndpointsDocument.read(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** Builds the simulator; {@link CivisSimulator#start()} makes it listen. */
        public CivisSimulator build() {
            if (apiKeys.isEmpty()) {
                throw new IllegalStateException("Configure at least one API key");
            }
            return new CivisSimulator(this);
        }
    }
}
