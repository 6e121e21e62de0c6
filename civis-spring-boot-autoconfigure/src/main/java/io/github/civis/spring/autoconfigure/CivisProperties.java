package io.github.civis.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the Civis client ({@code civis.*}). Retry settings live in
 * {@link CivisRetryProperties} ({@code civis.retry.*}).
 *
 * <p>The properties validate themselves when bound, so a zero or negative timeout stops the
 * application at startup with the property's name.
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
     * ({@code reactor-netty}, the faster path), or through a {@code WebClient} made from Boot's
     * {@code WebClient.Builder} ({@code web-client}), so that the application's
     * {@code WebClientCustomizer}s, filters, codecs and Boot's {@code http.client.requests}
     * observation apply to Civis calls too. Timeouts, pool, SSL bundle, retries and the client's own
     * metrics are the same on both.
     */
    private Transport transport = Transport.REACTOR_NETTY;

    private final Ssl ssl = new Ssl();

    private final Health health = new Health();

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

    @Override
    public boolean supports(Class<?> type) {
        return CivisProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        CivisProperties properties = (CivisProperties) target;
        PropertyChecks.positive(errors, "connectTimeout", "civis.connect-timeout", properties.connectTimeout);
        PropertyChecks.positive(errors, "responseTimeout", "civis.response-timeout", properties.responseTimeout);
        PropertyChecks.positive(errors, "callTimeout", "civis.call-timeout", properties.callTimeout);
        PropertyChecks.positive(errors, "health.timeout", "civis.health.timeout", properties.health.timeout);
        // zero is allowed: it turns the cache off
        PropertyChecks.notNegative(errors, "health.cacheTtl", "civis.health.cache-ttl", properties.health.cacheTtl);
    }

    /**
     * How the client's calls reach the platform.
     */
    public enum Transport {

        /** Straight through the client's Reactor Netty client. */
        REACTOR_NETTY,

        /** Through a {@code WebClient} made from Boot's {@code WebClient.Builder}. */
        WEB_CLIENT

    }

    /**
     * SSL settings of the connection to the API.
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
     * Settings of the civis health indicator.
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

}
