package io.github.civis.spring.autoconfigure.health;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisApiException;
import io.github.civis.client.model.UserMe;

/**
 * The one check behind both civis health indicators: an authenticated {@code GET /users/me},
 * bounded by a timeout, whose result is reused for a while so that frequent probes do not turn
 * into API traffic. DOWN results carry a {@code reason}: {@code bad key}, {@code unreachable},
 * {@code timeout} or {@code error}. The details never contain the API key.
 */
public final class CivisHealthCheck {

    /** Name of the detail counting the drifted operations this application has called. */
    public static final String USED_DRIFT = "usedOperationsDrifted";

    private final String baseUrl;

    private final Duration timeout;

    private final Mono<Health> cachedHealth;

    private final Supplier<@Nullable Integer> usedDrift;

    /**
     * Creates a check.
     * @param client the client to call
     * @param baseUrl the base URL to report
     * @param timeout time allowed for the call
     * @param cacheTtl how long a result is reused; zero turns the cache off
     */
    public CivisHealthCheck(CivisClient client, String baseUrl, Duration timeout, Duration cacheTtl) {
        this(client, baseUrl, timeout, cacheTtl, () -> null);
    }

    /**
     * Creates a check whose details also say how many operations this application has called
     * have drifted on the platform ({@value #USED_DRIFT}); drift is information, the status
     * does not change with it.
     * @param client the client to call
     * @param baseUrl the base URL to report
     * @param timeout time allowed for the call
     * @param cacheTtl how long a result is reused; zero turns the cache off
     * @param usedDrift the count, or {@code null} while not known
     */
    public CivisHealthCheck(CivisClient client, String baseUrl, Duration timeout, Duration cacheTtl,
            Supplier<@Nullable Integer> usedDrift) {
        this.usedDrift = usedDrift;
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        // one attempt per check: retrying inside the check's time limit would turn "unreachable"
        // or "bad key" into "timeout"
        CivisClient once = client.withoutRetries();
        Mono<Health> check = Mono.defer(() -> check(once));
        // a DOWN result is cached like an UP one: a failing API should not be probed harder
        this.cachedHealth = cacheTtl.isZero() ? check : check.cache(health -> cacheTtl, error -> Duration.ZERO,
                () -> Duration.ZERO);
    }

    /**
     * The health of the API, from the cache when fresh.
     * @return a publisher of the health; it does not fail
     */
    public Mono<Health> health() {
        return this.cachedHealth.map(this::withDrift);
    }

    private Health withDrift(Health health) {
        Integer used = this.usedDrift.get();
        return (used != null) ? Health.status(health.getStatus()).withDetails(health.getDetails())
            .withDetail(USED_DRIFT, used).build() : health;
    }

    /**
     * Time allowed for the call.
     * @return the timeout
     */
    public Duration timeout() {
        return this.timeout;
    }

    private Mono<Health> check(CivisClient client) {
        long start = System.nanoTime();
        return client.reactiveUsers()
            .getMe()
            .timeout(this.timeout)
            .map(me -> up(me, start))
            .switchIfEmpty(Mono.fromSupplier(() -> down("unexpected answer", "GET /users/me returned no body")))
            .onErrorResume(ex -> Mono.just(down(ex)));
    }

    private Health up(UserMe me, long start) {
        Health.Builder builder = Health.up().withDetail("baseUrl", this.baseUrl);
        String user = me.username();
        if (user != null) {
            builder.withDetail("user", user);
        }
        return builder.withDetail("latencyMs", Duration.ofNanos(System.nanoTime() - start).toMillis()).build();
    }

    private Health down(Throwable ex) {
        if (ex instanceof CivisApiException api) {
            if (api.status() == 401 || api.status() == 403) {
                return down("bad key", "the API refused the key (HTTP " + api.status() + "): check civis.api-key");
            }
            if (api.status() == 404) {
                // the call is the API's own GET /users/me: a 404 means the base URL is not the API's root
                return down("error", "the API answered HTTP 404 to GET /users/me: check civis.base-url, which must be "
                        + "the API's root, such as https://api.civisanalytics.com/");
            }
            return down("error", "the API answered HTTP " + api.status());
        }
        if (hasCause(ex, TimeoutException.class)) {
            return down("timeout", "no answer within " + this.timeout.toMillis() + " ms");
        }
        if (hasCause(ex, ConnectException.class) || hasCause(ex, UnknownHostException.class)
                || hasCause(ex, NoRouteToHostException.class)) {
            return down("unreachable", "cannot connect to " + this.baseUrl);
        }
        // the exception's message is left out: it may quote a URL or a header
        return down("error", ex.getClass().getSimpleName());
    }

    private Health down(String reason, String message) {
        return Health.down().withDetail("baseUrl", this.baseUrl).withDetail("reason", reason)
            .withDetail("message", message).build();
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable current = ex; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

}
