package io.github.civis.bench.contender;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.model.Credential;

/**
 * A question, not a contender of the client (opt-in: {@code --only …,proposal-blocking-io}):
 * what a blocking call would cost if it did its own I/O on the calling thread, with blocking
 * sockets, instead of handing the request to an event loop and waiting to be woken. Apache
 * HttpClient 5's classic (blocking) client, a pool as large as ours, and the same typed decode
 * as ours ({@link Credential} over Jackson's tree); no retries, timeouts per call or error mapping.
 */
public final class BlockingIoProposal implements Contender {

    /** Name in tables and results. */
    public static final String NAME = "proposal-blocking-io";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Guards the page loop against a server that never says it is done. */
    private static final int MAX_PAGES = 100_000;

    private final CloseableHttpClient http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(500)
            .setMaxConnPerRoute(500)
            .build())
        .disableAutomaticRetries()
        .build();

    private final String baseUrl;

    /**
     * @param baseUrl the stub's base URL, ending in {@code /}
     */
    public BlockingIoProposal(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long get(long id) {
        return new Credential(JSON.readTree(body(baseUrl + "credentials/" + id))).id();
    }

    @Override
    public long listAll(long deadlineNanos) {
        long count = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            Contender.checkDeadline(deadlineNanos);
            var items = JSON.readTree(body(baseUrl + "credentials/?limit=50&pageNum=" + page));
            for (var item : items) {
                count += new Credential(item).id();
            }
            if (items.isEmpty() || items.size() < 50) {
                return count;
            }
        }
        throw new BoundExceeded(NAME + " page loop");
    }

    private byte[] body(String uri) {
        HttpGet get = new HttpGet(uri);
        get.setHeader("Authorization", "Bearer bench-key");
        get.setHeader("Accept", "application/json");
        try {
            return http.execute(get, response -> {
                if (response.getCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.getCode() + " from " + uri);
                }
                return EntityUtils.toByteArray(response.getEntity());
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }
}
