package io.github.civis.bench.contender;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Not a contender: a bare Reactor Netty client that reads the response bytes and decodes
 * nothing. What it reaches is the stub's ceiling on this machine, the most any client here
 * could show.
 */
public final class NettyCeiling implements Contender {

    private final ConnectionProvider pool = ConnectionProvider.builder("ceiling").maxConnections(512).pendingAcquireMaxCount(-1).build();

    private final HttpClient http;

    /**
     * @param baseUrl the stub's base URL
     */
    public NettyCeiling(String baseUrl) {
        this.http = HttpClient.create(pool)
            .baseUrl(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
            .headers(h -> h.add("Authorization", "Bearer bench-key"));
    }

    @Override
    public String name() {
        return "stub-ceiling";
    }

    @Override
    public long get(long id) {
        return getAsync(id).block(Duration.ofSeconds(30));
    }

    @Override
    public Mono<Long> getAsync(long id) {
        // Decodes nothing: a 200 with a body counts as an answer to this id.
        return http.get()
            .uri("/credentials/" + id)
            .responseSingle((response, body) -> body.map(ByteBuf::readableBytes)
                .map(bytes -> (response.status().code() == 200 && bytes > 0) ? id : -1L));
    }

    @Override
    public long listAll(long deadlineNanos) {
        throw new UnsupportedOperationException("the ceiling is measured on single calls only");
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
