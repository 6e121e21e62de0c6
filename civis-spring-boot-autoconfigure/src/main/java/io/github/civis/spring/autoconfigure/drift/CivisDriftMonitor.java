package io.github.civis.spring.autoconfigure.drift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import io.github.civis.catalog.Catalog;
import io.github.civis.catalog.surface.ApiDrift;
import io.github.civis.catalog.surface.ApiSurface;
import io.github.civis.client.CivisClient;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.transport.CivisTransport;
import io.github.civis.client.transport.OperationDescriptor;

/**
 * Compares the API the platform serves now ({@code GET /endpoints}, an OpenAPI 2.0 document) with
 * the API this application was built with (the catalog bundled in {@code civis-catalog}), once
 * the application is ready and then every {@code civis.drift.refresh}, on a thread of its own so
 * that neither start-up nor any request waits for it. The latest result is kept for the
 * {@code civis} actuator endpoint, the {@code civis.api.drift} gauge and the health details.
 */
public class CivisDriftMonitor implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    /** The platform's API document; described here, not taken from the generated API, whose names may move. */
    static final OperationDescriptor ENDPOINTS = OperationDescriptor.builder("endpoints", "list")
        .javaMethod("EndpointsApi", "list")
        .route("GET", "/endpoints/")
        .build();

    /** The caller, for the endpoint's connection section. */
    static final OperationDescriptor USERS_ME = OperationDescriptor.builder("users", "list_me")
        .javaMethod("UsersApi", "listMe")
        .route("GET", "/users/me")
        .build();

    private static final Log logger = LogFactory.getLog(CivisDriftMonitor.class);

    private final CivisTransport transport;
    private final Supplier<ApiSurface> bundledSurface;
    private final CivisUsedOperations used;
    private final Duration refresh;
    private final Clock clock;
    private volatile @Nullable ApiSurface bundled;
    private volatile @Nullable Result result;
    private volatile @Nullable ScheduledExecutorService scheduler;

    /**
     * The outcome of the latest check.
     *
     * @param checkedAt when the platform's document was read (or reading it failed)
     * @param drift what moved, from the latest successful check; empty before one
     * @param platformOperations how many operations the platform's document lists, {@code -1} before a successful check
     * @param user the user behind the API key, when the platform said
     * @param error why the latest check failed, or {@code null} when it succeeded
     */
    public record Result(Instant checkedAt, ApiDrift drift, int platformOperations, @Nullable String user,
            @Nullable String error) {
    }

    /**
     * A monitor of the bundled catalog's API.
     * @param client the client whose platform is read
     * @param used the operations the application has called
     * @param refresh time between two checks
     */
    public CivisDriftMonitor(CivisClient client, CivisUsedOperations used, Duration refresh) {
        this(client, () -> ApiSurface.of(Catalog.bundled()), used, refresh, Clock.systemUTC());
    }

    /**
     * A monitor of any API surface.
     * @param client the client whose platform is read
     * @param bundledSurface the API this application was built with, read on the first check
     * @param used the operations the application has called
     * @param refresh time between two checks
     * @param clock the clock of {@link Result#checkedAt()}
     */
    public CivisDriftMonitor(CivisClient client, Supplier<ApiSurface> bundledSurface, CivisUsedOperations used,
            Duration refresh, Clock clock) {
        this.transport = client.transport();
        this.bundledSurface = bundledSurface;
        this.used = used;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** Starts checking in the background, once now and then every refresh period. */
    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (this.scheduler != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "civis-drift");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::checkQuietly, 0, this.refresh.toMillis(), TimeUnit.MILLISECONDS);
        this.scheduler = started;
    }

    @Override
    public synchronized void destroy() {
        ScheduledExecutorService running = this.scheduler;
        if (running != null) {
            running.shutdownNow();
            this.scheduler = null;
        }
    }

    private void checkQuietly() {
        try {
            check();
        }
        catch (RuntimeException ex) {
            // a scheduled task that throws is never run again
            logger.warn("Civis API drift check failed: " + ex);
        }
    }

    /**
     * Reads the platform's document now and compares it with the bundled API, on the calling
     * thread. A failure is kept in the result, with the drift of the latest successful check.
     * @return the result
     */
    public Result check() {
        Instant now = this.clock.instant();
        Result previous = this.result;
        Result checked;
        try {
            JsonNode document = this.transport.call(ENDPOINTS, CallArguments.none(), (body, metadata) -> body);
            ApiSurface platform = ApiSurface.fromOpenApi(document);
            ApiDrift drift = ApiDrift.between(bundled(), platform);
            checked = new Result(now, drift, platform.size(), user(), null);
            if (!drift.isEmpty()) {
                logger.info("The Civis platform's API has moved since this application was built: "
                        + drift.removed().size() + " operations removed, " + drift.added().size() + " added, "
                        + drift.changed().size() + " changed (" + usedDrifted(drift) + " of them used here); "
                        + "see the civis actuator endpoint");
            }
        }
        catch (RuntimeException ex) {
            // the client's messages never contain the key
            String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            logger.warn("Cannot read the Civis platform's API document (GET /endpoints): " + error);
            checked = (previous != null)
                    ? new Result(now, previous.drift(), previous.platformOperations(), previous.user(), error)
                    : new Result(now, ApiDrift.none(), -1, null, error);
        }
        this.result = checked;
        return checked;
    }

    private ApiSurface bundled() {
        ApiSurface surface = this.bundled;
        if (surface == null) {
            surface = this.bundledSurface.get();
            this.bundled = surface;
        }
        return surface;
    }

    private @Nullable String user() {
        try {
            JsonNode me = this.transport.call(USERS_ME, CallArguments.none(), (body, metadata) -> body);
            String username = me.path("username").asString("");
            return username.isEmpty() ? null : username;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    /** The latest result, or {@code null} before the first check. */
    public @Nullable Result result() {
        return this.result;
    }

    /** How many operations the bundled API has, or {@code -1} before the first check. */
    public int bundledOperations() {
        ApiSurface surface = this.bundled;
        return (surface != null) ? surface.size() : -1;
    }

    /**
     * Whether the application has called an operation.
     * @param operation a drifted operation
     * @return whether it was called
     */
    public boolean isUsed(ApiDrift.Drifted operation) {
        return this.used.isUsed(operation.verb(), operation.route());
    }

    /**
     * How many removed or changed operations of a drift this application has called.
     * @param drift the drift
     * @return the count
     */
    public int usedDrifted(ApiDrift drift) {
        return (int) java.util.stream.Stream.of(drift.removed(), drift.changed(), drift.added())
            .flatMap(List::stream)
            .filter(this::isUsed)
            .count();
    }

    /** How many drifted operations this application has called, or {@code null} before the first check. */
    public @Nullable Integer usedDrifted() {
        Result latest = this.result;
        return (latest != null && latest.platformOperations() >= 0) ? usedDrifted(latest.drift()) : null;
    }

}
