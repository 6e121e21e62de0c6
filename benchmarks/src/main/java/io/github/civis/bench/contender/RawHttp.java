package io.github.civis.bench.contender;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The least work a call can do: the JDK's HttpClient and Jackson reading the body into a
 * {@code Map}. No types, no retries, no error mapping; the floor our client is compared with.
 */
public final class RawHttp implements Contender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Guards the page loop against a server that never says it is done. */
    private static final int MAX_PAGES = 100_000;

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private final String baseUrl;

    /**
     * @param baseUrl the stub's base URL, ending in {@code /}
     */
    public RawHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public long get(long id) {
        HttpResponse<byte[]> response = send(baseUrl + "credentials/" + id);
        Map<?, ?> credential = JSON.readValue(response.body(), Map.class);
        return ((Number) credential.get("id")).longValue();
    }

    @Override
    public long listAll(long deadlineNanos) {
        long count = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            Contender.checkDeadline(deadlineNanos);
            HttpResponse<byte[]> response = send(baseUrl + "credentials/?limit=50&pageNum=" + page);
            List<?> items = JSON.readValue(response.body(), List.class);
            for (Object item : items) {
                count += ((Number) ((Map<?, ?>) item).get("id")).longValue();
            }
            long totalPages = response.headers().firstValueAsLong("X-Pagination-Total-Pages").orElse(Long.MAX_VALUE);
            if (items.isEmpty() || page >= totalPages) {
                return count;
            }
        }
        throw new BoundExceeded("raw page loop");
    }

    private HttpResponse<byte[]> send(String uri) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
            .header("Authorization", "Bearer bench-key")
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " from " + uri);
            }
            return response;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
