package io.github.civis.bench.peer;

import java.time.Duration;
import java.util.List;

import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

import io.github.civis.bench.contender.Contender;
import io.github.civis.bench.peer.generated.ApiClient;
import io.github.civis.bench.peer.generated.api.DefaultApi;
import io.github.civis.bench.peer.generated.model.Object42;

/**
 * The client openapi-generator's Java "webclient" library makes from the Civis OpenAPI document,
 * used as its README shows. The document has no operation ids or tags, hence the generated names.
 *
 * <p>Its API returns {@code Mono}s, so {@code openapi-generator} runs the in-flight scenarios
 * reactively ({@code flatMap}). The blocking variants ({@code openapi-generator-blocking}, and
 * {@code openapi-generator-blocking-virtual} on virtual threads) call the same client with
 * {@code block()} from one thread per call in flight: what a blocking application does with it,
 * and the like-for-like baseline of our blocking API.
 */
public final class OpenApiGeneratorContender implements Contender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Guards the page loop against a server that never says it is done. */
    private static final int MAX_PAGES = 100_000;

    private final DefaultApi api;

    private final String name;

    private final boolean blocking;

    private final boolean virtualThreads;

    /**
     * The reactive contender, {@code openapi-generator}.
     * @param baseUrl the stub's base URL
     */
    public OpenApiGeneratorContender(String baseUrl) {
        this(baseUrl, "openapi-generator", false, false);
    }

    /**
     * @param baseUrl the stub's base URL
     * @param name the contender's name
     * @param blocking whether the in-flight scenarios call {@code block()} from threads
     * @param virtualThreads whether those threads are virtual ones
     */
    public OpenApiGeneratorContender(String baseUrl, String name, boolean blocking, boolean virtualThreads) {
        this.name = name;
        this.blocking = blocking;
        this.virtualThreads = virtualThreads;
        ApiClient client = new ApiClient();
        client.setBasePath(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        client.setApiKeyPrefix("Bearer");
        client.setApiKey("bench-key");
        this.api = new DefaultApi(client);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean virtualThreads() {
        return virtualThreads;
    }

    @Override
    public long get(long id) {
        return call(id).block(TIMEOUT);
    }

    @Override
    public Mono<Long> getAsync(long id) {
        return blocking ? null : call(id);
    }

    private Mono<Long> call(long id) {
        return api.credentialsIdGet((int) id).map(c -> c.getId().longValue());
    }

    @Override
    public long listAll(long deadlineNanos) {
        long count = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            Contender.checkDeadline(deadlineNanos);
            ResponseEntity<List<Object42>> response = api
                .credentialsGetWithHttpInfo(null, null, null, null, null, null, 50, page, null, null)
                .block(TIMEOUT);
            List<Object42> items = response.getBody();
            for (Object42 item : items) {
                count += item.getId();
            }
            String pages = response.getHeaders().getFirst("X-Pagination-Total-Pages");
            if (items.isEmpty() || (pages != null && page >= Long.parseLong(pages))) {
                return count;
            }
        }
        throw new BoundExceeded("openapi-generator page loop");
    }
}
