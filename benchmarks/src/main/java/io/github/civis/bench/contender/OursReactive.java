package io.github.civis.bench.contender;

import java.time.Duration;

import reactor.core.publisher.Mono;

import io.github.civis.client.CivisClient;

/** Our client's reactive API. */
public final class OursReactive implements Contender {

    private final CivisClient client;

    /**
     * @param baseUrl the stub's base URL
     */
    public OursReactive(String baseUrl) {
        this.client = Contenders.oursBuilder().baseUrl(baseUrl).apiKey("bench-key").build();
    }

    @Override
    public String name() {
        return "ours-reactive";
    }

    @Override
    public long get(long id) {
        return getAsync(id).block(Duration.ofSeconds(30));
    }

    @Override
    public Mono<Long> getAsync(long id) {
        return client.reactiveCredentials().get(id).map(c -> c.id());
    }

    @Override
    public long listAll(long deadlineNanos) {
        long remaining = Math.max(1, deadlineNanos - System.nanoTime());
        Long sum = client.reactiveCredentials()
            .listAll()
            .reduce(0L, (total, c) -> total + c.id())
            .block(Duration.ofNanos(remaining));
        return (sum != null) ? sum : 0;
    }

    @Override
    public void close() {
        client.close();
    }
}
