package io.github.civis.bench.contender;

import java.util.stream.Stream;

import io.github.civis.client.CivisClient;
import io.github.civis.client.model.Credential;

/**
 * Our client's blocking API, as a user without Spring would build it ({@code ours-blocking}), and
 * its variants: the same calls from virtual threads ({@code ours-blocking-virtual}), and over a
 * {@code WebClient} from a {@code WebClient.Builder}, the path of the starter's
 * {@code civis.transport=web-client} ({@code ours-web-client}).
 */
public final class OursBlocking implements Contender {

    private final String name;
    private final CivisClient client;
    private final boolean virtualThreads;

    /**
     * @param baseUrl the stub's base URL
     */
    public OursBlocking(String baseUrl) {
        this("ours-blocking", Contenders.oursBuilder().baseUrl(baseUrl).apiKey("bench-key").build(), false);
    }

    /**
     * @param name the contender's name
     * @param client the client called
     * @param virtualThreads whether the in-flight callers are virtual threads
     */
    OursBlocking(String name, CivisClient client, boolean virtualThreads) {
        this.name = name;
        this.client = client;
        this.virtualThreads = virtualThreads;
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
