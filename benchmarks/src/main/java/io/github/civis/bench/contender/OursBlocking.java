package io.github.civis.bench.contender;

import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.Credential;

/** Our client's blocking API, as a user without Spring would build it. */
public final class OursBlocking implements Contender {

    private final CivisClient client;

    /**
     * @param baseUrl the stub's base URL
     */
    public OursBlocking(String baseUrl) {
        this.client = Contenders.oursBuilder().baseUrl(baseUrl).apiKey("bench-key").build();
    }

    @Override
    public String name() {
        return "ours-blocking";
    }

    @Override
    public long get(long id) {
        return client.credentials().get(id).id();
    }

    @Override
    public long listAll(long deadlineNanos) {
        long[] sum = { 0 };
        try (Stream<Credential> all = client.credentials().listAll()) {
            all.forEach(c -> {
                sum[0] += c.id();
                Contender.checkDeadline(deadlineNanos);
            });
        }
        return sum[0];
    }

    @Override
    public void close() {
        client.close();
    }
}
