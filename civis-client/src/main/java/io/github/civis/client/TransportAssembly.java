package io.github.civis.client;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import io.github.civis.client.error.CivisConfigurationException;
import io.github.civis.client.internal.ratelimit.RateBudget;
import io.github.civis.client.internal.transport.DefaultCivisTransport;
import io.github.civis.client.internal.transport.ResponseHeadersTimeout;
import io.github.civis.client.internal.transport.TransportSettings;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.ratelimit.LocalRateLimitStore;

import static io.github.civis.client.CivisClient.API_KEY_ENV;
import static io.github.civis.client.CivisClient.BASE_URL_ENV;
import static io.github.civis.client.CivisClient.DEFAULT_BASE_URL;
import static io.github.civis.client.CivisClient.JOB_ID_ENV;
import static io.github.civis.client.CivisClient.RUN_ID_ENV;

/**
 * Builds a client's transport from its builder's settings: the API key and base URL (checked,
 * with messages that name the setting and never show the key), the connection pool, the one
 * connection configuration every request uses, the rate budget.
 *
 * @param transport the transport the generated API calls through
 * @param pool the connection pool the client owns
 * @param connections the connection configuration over a pool, for the file transfers' own pool
 */
record TransportAssembly(DefaultCivisTransport transport, ConnectionProvider pool,
        Function<ConnectionProvider, HttpClient> connections) {

    /** {@code scheme://user:password@}: the user information of a URL, even one that does not parse. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

    /**
     * @param builder what the builder was told
     * @return the transport and what it is made of
     * @throws CivisConfigurationException when the base URL or the key is not usable
     */
    static TransportAssembly of(ClientSettings builder) {
        Function<String, @Nullable String> environment = builder.hooks.environment();
        Supplier<String> key = resolveApiKey(builder, environment);
        URI base = resolveBaseUrl(builder.baseUrl, key, environment);
        Map<String, String> extraHeaders = new LinkedHashMap<>();
        putIfSet(extraHeaders, "X-Civis-Job-ID", environment.apply(JOB_ID_ENV));
        putIfSet(extraHeaders, "X-Civis-Run-ID", environment.apply(RUN_ID_ENV));
        TransportSettings settings = new TransportSettings(base, key,
                (builder.userAgent != null && !builder.userAgent.isBlank()) ? builder.userAgent : defaultUserAgent(),
                extraHeaders, builder.connectTimeout, builder.responseTimeout, builder.callTimeout,
                builder.retryPolicy, builder.hooks.sleeper(), builder.hooks.clock(), builder.observationRegistry,
                builder.observationConvention, listener(builder), builder.apiKeySource);
        ConnectionProvider pool = ConnectionProvider.builder("civis")
                .maxConnections(builder.maxConnections)
                .pendingAcquireMaxCount(-1)
                // Below typical load-balancer idle timeouts, so a pooled connection is not
                // reused just as the server side drops it.
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        // One connection configuration for every request the client makes, API and storage
        // alike: the storage URLs need the application's proxy and TLS trust as much as the API.
        Function<ConnectionProvider, HttpClient> connections = connections(builder.connectTimeout,
                builder.responseTimeout, builder.httpClientCustomizer);
        HttpClient http = connections.apply(pool);
        RateBudget budget = new RateBudget(builder.rateLimitSettings,
                (builder.rateLimitStore != null) ? builder.rateLimitStore : new LocalRateLimitStore(), key,
                settings.listener());
        if (builder.blockingIo) {
            checkBlockingIo(builder);
            return new TransportAssembly(DefaultCivisTransport.withBlockingIo(http, builder.maxInMemorySize, settings,
                    budget, builder.maxConnections), pool, connections);
        }
        if (builder.webClientBuilder == null) {
            // Nothing of an application's to apply per request: straight to Reactor Netty.
            return new TransportAssembly(new DefaultCivisTransport(http, builder.maxInMemorySize, settings, budget),
                    pool, connections);
        }
        int maxInMemorySize = builder.maxInMemorySize;
        WebClient webClient = builder.webClientBuilder.clone().baseUrl(base.toString())
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> {
                    codecs.defaultCodecs().maxInMemorySize(maxInMemorySize);
                    // Request details include the Authorization header: whatever the
                    // application's codec settings, this client's exchanges never log them.
                    codecs.defaultCodecs().enableLoggingRequestDetails(false);
                })
                .build();
        return new TransportAssembly(new DefaultCivisTransport(webClient, settings, budget), pool, connections);
    }

    /**
     * Blocking I/O sends blocking calls over a client of its own: refused where the builder was
     * given settings that only apply to Reactor Netty or a {@code WebClient}, rather than have
     * those calls go without them.
     */
    private static void checkBlockingIo(ClientSettings builder) {
        if (builder.webClientBuilder != null) {
            throw new CivisConfigurationException("blockingIo", null, "blockingIo(true) cannot be combined with "
                    + "webClientBuilder(...): its filters and codecs would not apply to blocking calls. Use one or the other");
        }
        if (builder.httpClientCustomizer != null) {
            throw new CivisConfigurationException("blockingIo", null, "blockingIo(true) cannot be combined with "
                    + "httpClientCustomizer(...): its settings (TLS, proxy, ...) would not apply to blocking calls. "
                    + "Use one or the other");
        }
        if (!DefaultCivisTransport.blockingIoAvailable()) {
            throw new CivisConfigurationException("blockingIo", null, "blockingIo(true) needs Apache HttpClient 5 "
                    + "on the class path: add the dependency org.apache.httpcomponents.client5:httpclient5");
        }
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

    private static CivisClientListener listener(ClientSettings builder) {
        return switch (builder.listeners.size()) {
            case 0 -> CivisClientListener.NONE;
            case 1 -> builder.listeners.get(0);
            default -> CivisClientListener.composite(builder.listeners);
        };
    }

    private static Supplier<String> resolveApiKey(ClientSettings builder,
            Function<String, @Nullable String> environment) {
        if (builder.apiKeySupplier != null) {
            return builder.apiKeySupplier;
        }
        if (builder.apiKey != null) {
            String explicit = builder.apiKey.trim();
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

    private static URI resolveBaseUrl(@Nullable String baseUrl, Supplier<String> key,
            Function<String, @Nullable String> environment) {
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

    private static String defaultUserAgent() {
        String version = CivisClient.class.getPackage().getImplementationVersion();
        return "civis-java/" + ((version != null) ? version : "dev") + " Java/"
                + System.getProperty("java.version", "unknown");
    }
}
