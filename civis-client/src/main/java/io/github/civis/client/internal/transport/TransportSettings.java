package io.github.civis.client.internal.transport;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisClientObservationConvention;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.internal.retry.Sleeper;

/**
 * Everything {@link DefaultCivisTransport} needs besides its {@code WebClient}, already
 * validated. {@code CivisClient.Builder} makes one; use that builder rather than this record.
 *
 * @param baseUrl absolute http(s) base URL of the API
 * @param apiKey supplies the API key, asked once per attempt so that a rotated key is picked up
 * @param userAgent value of the {@code User-Agent} header
 * @param extraHeaders further headers sent with every call (e.g. {@code X-Civis-Job-ID})
 * @param connectTimeout connect timeout of the connector, for messages
 * @param responseTimeout response timeout of the connector, for messages
 * @param callTimeout limit of one attempt from sending to reading the whole body, or {@code null}
 * @param retryPolicy when to retry
 * @param sleeper waits between attempts
 * @param clock measures time spent retrying and reads {@code Retry-After} dates
 * @param observationRegistry where call observations go
 * @param observationConvention a custom convention, or {@code null} for the default
 * @param listener told about retries and rate-limit headers
 * @param apiKeySource where the application sets the key, named when the API rejects it, e.g.
 *        "the civis.api-key property or the CIVIS_API_KEY environment variable"
 */
public record TransportSettings(URI baseUrl, Supplier<String> apiKey, String userAgent,
        Map<String, String> extraHeaders, Duration connectTimeout, Duration responseTimeout,
        @Nullable Duration callTimeout, CivisRetryPolicy retryPolicy, Sleeper sleeper, Clock clock,
        ObservationRegistry observationRegistry, @Nullable CivisClientObservationConvention observationConvention,
        CivisClientListener listener, String apiKeySource) {

    /** Copies the extra headers, so that later changes to the caller's map have no effect. */
    public TransportSettings {
        extraHeaders = Map.copyOf(extraHeaders);
    }

    @Override
    public String toString() {
        // Spelled out so that the key supplier (and whatever it captured) is never printed.
        return "TransportSettings{baseUrl=" + baseUrl + ", userAgent=" + userAgent + ", connectTimeout="
                + connectTimeout + ", responseTimeout=" + responseTimeout + ", callTimeout=" + callTimeout
                + ", retryPolicy=" + retryPolicy + "}";
    }

    /**
     * The same settings with another retry policy.
     * @param policy the retry policy
     * @return the copy
     */
    public TransportSettings withRetryPolicy(CivisRetryPolicy policy) {
        return new TransportSettings(baseUrl, apiKey, userAgent, extraHeaders, connectTimeout, responseTimeout,
                callTimeout, policy, sleeper, clock, observationRegistry, observationConvention, listener, apiKeySource);
    }
}
