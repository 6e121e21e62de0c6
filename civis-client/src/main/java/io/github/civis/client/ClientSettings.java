package io.github.civis.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import io.github.civis.client.files.FileTransferListener;
import io.github.civis.client.files.FileTransferSettings;
import io.github.civis.client.internal.ClientHooks;
import io.github.civis.client.lookup.LookupCache;
import io.github.civis.client.observation.CivisClientListener;
import io.github.civis.client.observation.CivisClientObservationConvention;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.ratelimit.RateLimitStore;
import io.github.civis.client.retry.CivisRetryPolicy;
import io.github.civis.client.runs.CivisRunListener;
import io.github.civis.client.runs.RunPolling;
import io.github.civis.client.runs.RunTimer;

/**
 * What a {@link CivisClient.Builder} has been told, with the defaults: the connection and
 * transport settings, read by {@link TransportAssembly}, and the workflow settings, read by
 * {@link Workflows}. The builder checks each value as it is set.
 */
final class ClientSettings {

    @Nullable String baseUrl;
    @Nullable String apiKey;
    @Nullable Supplier<String> apiKeySupplier;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration responseTimeout = Duration.ofSeconds(60);
    @Nullable Duration callTimeout = Duration.ofMinutes(2);
    CivisRetryPolicy retryPolicy = CivisRetryPolicy.defaults();
    @Nullable String userAgent;
    WebClient.@Nullable Builder webClientBuilder;
    int maxConnections = 500;
    boolean blockingIo;
    int maxInMemorySize = 64 * 1024 * 1024;
    ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
    @Nullable CivisClientObservationConvention observationConvention;
    final List<CivisClientListener> listeners = new ArrayList<>();
    @Nullable UnaryOperator<HttpClient> httpClientCustomizer;
    String apiKeySource = "CivisClient.builder().apiKey(...) or the " + CivisClient.API_KEY_ENV
            + " environment variable";
    ClientHooks hooks = ClientHooks.system();
    RateLimitSettings rateLimitSettings = RateLimitSettings.defaults();
    @Nullable RateLimitStore rateLimitStore;

    RunPolling runPolling = RunPolling.defaults();
    final List<CivisRunListener> runListeners = new ArrayList<>();
    @Nullable RunTimer runTimer;
    @Nullable LookupCache lookupCache;
    FileTransferSettings fileTransferSettings = FileTransferSettings.defaults();
    final List<FileTransferListener> fileTransferListeners = new ArrayList<>();
    Duration workflowTimeout = CivisClient.WORKFLOW_TIMEOUT;

    /** The workflow settings as the workflows take them: listeners combined, the default cache made. */
    WorkflowSettings workflowSettings() {
        List<FileTransferListener> transferListeners = new ArrayList<>();
        if (fileTransferSettings.listener() != FileTransferListener.NONE) {
            transferListeners.add(fileTransferSettings.listener());
        }
        transferListeners.addAll(fileTransferListeners);
        FileTransferSettings transfers = new FileTransferSettings(fileTransferSettings.multipartThreshold(),
                fileTransferSettings.partConcurrency(), fileTransferSettings.transferTimeout(),
                FileTransferListener.composite(transferListeners));
        return new WorkflowSettings(runPolling, CivisRunListener.composite(runListeners), runTimer,
                (lookupCache != null) ? lookupCache : LookupCache.bounded(Duration.ofMinutes(5), 256), transfers,
                workflowTimeout);
    }

    /**
     * @return the duration, when positive
     * @throws IllegalArgumentException naming the setting otherwise
     */
    static Duration positive(@Nullable Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
        }
        return duration;
    }
}
