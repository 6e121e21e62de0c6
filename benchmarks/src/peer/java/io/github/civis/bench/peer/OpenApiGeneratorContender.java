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
 */
public final class OpenApiGeneratorContender implements Contender {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Guards the page loop against a server that never says it is done. */
    private static final int MAX_PAGES = 100_000;

    private final DefaultApi api;

    /**
     * @param baseUrl the stub's base URL
     */
    public OpenApiGeneratorContender(String baseUrl) {
        ApiClient client = new ApiClient();
        client.setBasePath(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        client.setApiKeyPrefix("Bearer");
        client.setApiKey("bench-key");
        this.api = new DefaultApi(client);
    }

    @Override
    public String name() {
        return "openapi-generator";
    }

    @Override
    public long get(long id) {
        return getAsync(id).block(TIMEOUT);
    }

    @Override
    public Mono<Long> getAsync(long id) {
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
