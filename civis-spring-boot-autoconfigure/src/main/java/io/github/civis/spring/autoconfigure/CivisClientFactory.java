package io.github.civis.spring.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import io.github.civis.client.CivisClient;
import io.github.civis.client.observation.CivisClientObservationConvention;
import io.github.civis.client.retry.CivisRetryPolicy;

/**
 * Builds the auto-configured {@link CivisClient}: connection details first, then properties,
 * then user customizers, in that fixed order so that a customizer always has the last word.
 */
final class CivisClientFactory {

    private static final Log logger = LogFactory.getLog(CivisClientFactory.class);

    private final CivisProperties properties;

    private final CivisConnectionDetails connectionDetails;

    CivisClientFactory(CivisProperties properties, CivisConnectionDetails connectionDetails) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
    }

    /**
     * Builds the client.
     * @param webClientBuilder Boot's builder, carrying its customizers, codecs and observation, or
     *        {@code null} for calls straight through Reactor Netty
     * @param httpClientCustomizer applies the configured SSL bundle to the client's Reactor Netty
     *        client, or {@code null}
     * @param observationRegistry the registry calls are observed with
     * @param customizers user customizers, in order
     * @return the client
     * @throws CivisApiKeyMissingException when no key is configured
     * @throws CivisBaseUrlException when the base URL is not an absolute http(s) URL
     */
    CivisClient create(WebClient.@Nullable Builder webClientBuilder, @Nullable UnaryOperator<HttpClient> httpClientCustomizer,
            ObservationRegistry observationRegistry, @Nullable CivisClientObservationConvention convention,
            Stream<CivisClientCustomizer> customizers) {
        String baseUrl = checkedBaseUrl(this.connectionDetails.baseUrl());
        if (!StringUtils.hasText(this.connectionDetails.apiKey())) {
            throw new CivisApiKeyMissingException();
        }
        CivisClient.Builder builder = CivisClient.builder()
            .baseUrl(baseUrl)
            .apiKeySupplier(this.connectionDetails::apiKey)
            .apiKeySource((this.connectionDetails instanceof PropertiesCivisConnectionDetails)
                    ? "the civis.api-key property or the CIVIS_API_KEY environment variable"
                    : "the application's CivisConnectionDetails bean ("
                            + this.connectionDetails.getClass().getSimpleName() + ")")
            .connectTimeout(this.properties.getConnectTimeout())
            .responseTimeout(this.properties.getResponseTimeout())
            .callTimeout(this.properties.getCallTimeout());
        if (webClientBuilder != null) {
            builder.webClientBuilder(webClientBuilder);
        }
        if (this.properties.getTransport() == CivisProperties.Transport.BLOCKING_IO) {
            builder.blockingIo(true);
        }
        if (httpClientCustomizer != null) {
            builder.httpClientCustomizer(httpClientCustomizer);
        }
        applyObservation(builder, observationRegistry, convention);
        if (this.properties.getUserAgent() != null) {
            builder.userAgent(this.properties.getUserAgent());
        }
        applyRetry(builder, this.properties.getRetry());
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * Makes the client observe its calls ({@code civis.client.requests}) with the application's
     * registry.
     */
    static void applyObservation(CivisClient.Builder builder, ObservationRegistry observationRegistry,
            @Nullable CivisClientObservationConvention convention) {
        builder.observationRegistry(observationRegistry);
        if (convention != null) {
            builder.observationConvention(convention);
        }
    }

    /**
     * Maps {@code civis.retry.*} onto the builder.
     */
    static void applyRetry(CivisClient.Builder builder, CivisProperties.Retry retry) {
        CivisRetryPolicy.Builder policy = CivisRetryPolicy.builder()
            .maxAttempts(retry.getMaxAttempts())
            .maxConnectionFailureAttempts(retry.getMaxConnectionFailureAttempts())
            .maxElapsed(retry.getMaxElapsed())
            .initialDelay(retry.getInitialBackoff())
            .maxDelay(retry.getMaxBackoff());
        for (String method : RETRY_CANDIDATES) {
            boolean listed = retry.getRetryableMethods().contains(method);
            if (listed) {
                policy.retryableStatuses(method, RETRYABLE_STATUSES).retryConnectionFailures(method, true);
            }
            else if (!method.equals("POST")) {
                policy.retryableStatuses(method, Set.of()).retryConnectionFailures(method, false);
            }
            // POST not listed keeps the client's default: only 429 and 503, answers that say the
            // request was not carried out, so a retry cannot duplicate a side effect.
        }
        builder.retryPolicy(policy.build());
    }

    /** Statuses that say "try again" for a method the user lets retry fully. */
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);

    private static final List<String> RETRY_CANDIDATES = List.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE",
            "PATCH", "POST");

    /**
     * Checks that the base URL is usable and warns when it would send the key in clear text.
     * @return the base URL, unchanged
     */
    static String checkedBaseUrl(@Nullable String baseUrl) {
        if (!StringUtils.hasText(baseUrl)) {
            throw new CivisBaseUrlException("", "it is empty");
        }
        String trimmed = baseUrl.trim();
        if (!trimmed.contains("://") && Character.isLetterOrDigit(trimmed.charAt(0))
                && trimmed.chars().noneMatch(Character::isWhitespace)) {
            // "api.civisanalytics.com" or "127.0.0.1:9099": a host without a scheme in front; user information never shown
            String shown = trimmed.substring(trimmed.lastIndexOf('@') + 1);
            throw new CivisBaseUrlException(shown, "it has no scheme; add https:// in front (https://" + shown
                    + (shown.endsWith("/") ? "" : "/") + "), or http:// for a local simulator");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        }
        catch (URISyntaxException ex) {
            throw new CivisBaseUrlException(withoutUserInfo(baseUrl.trim()),
                    "it is not a valid URL (" + ex.getReason() + ")");
        }
        String shown = withoutUserInfo(uri.toString());
        if (uri.getRawUserInfo() != null) {
            // Never sent (the API key is the credential), yet health, info and env would print it.
            throw new CivisBaseUrlException(shown, "it carries user information (user:password@), which the client "
                    + "never sends; remove it");
        }
        String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new CivisBaseUrlException(shown, "it must start with https:// (or http:// for a local simulator)");
        }
        if (!StringUtils.hasText(uri.getHost())) {
            throw new CivisBaseUrlException(shown, "it has no host");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            logger.warn("civis.base-url '" + shown + "' uses plain http to a host that is not loopback: "
                    + "the API key would travel unencrypted. Use https:// instead.");
        }
        return baseUrl.trim();
    }

    /** The URL without {@code user:password@}, even when it does not parse: user information may hold credentials. */
    private static String withoutUserInfo(String url) {
        return USER_INFO.matcher(url).replaceFirst("$1");
    }

    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // only literal addresses: a name lookup at startup could hang or lie
        if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

}
