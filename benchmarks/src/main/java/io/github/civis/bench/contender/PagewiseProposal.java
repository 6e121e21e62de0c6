package io.github.civis.bench.contender;

import io.github.civis.client.CivisClient;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.model.Credential;

/**
 * Not a contender: what {@code listAll} would cost if the blocking stream fetched page by page
 * on the caller's thread (one blocking wait per page) instead of bridging the reactive flux
 * element by element. Built from the public single-page call, so it measures the proposal
 * without changing the client. Run it with {@code scripts/bench --only ours-blocking,proposal-pagewise}.
 */
public final class PagewiseProposal implements Contender {

    /** Guards the page loop against a server that never says it is done. */
    private static final int MAX_PAGES = 100_000;

    private final CivisClient client;

    /**
     * @param baseUrl the stub's base URL
     */
    public PagewiseProposal(String baseUrl) {
        this.client = CivisClient.builder().baseUrl(baseUrl).apiKey("bench-key")
            .rateLimit(io.github.civis.client.ratelimit.RateLimitSettings.disabled()).build();
    }

    @Override
    public String name() {
        return "proposal-pagewise";
    }

    @Override
    public long get(long id) {
        return client.credentials().get(id).id();
    }

    @Override
    public long listAll(long deadlineNanos) {
        long count = 0;
        for (long page = 1; page <= MAX_PAGES; page++) {
            Contender.checkDeadline(deadlineNanos);
            long number = page;
            CivisList<Credential> items = client.credentials().list(q -> q.limit(50).pageNum(number));
            for (Credential item : items) {
                count += item.id();
            }
            if (items.isEmpty() || page >= items.totalPages().orElse(Long.MAX_VALUE)) {
                return count;
            }
        }
        throw new BoundExceeded("pagewise page loop");
    }

    @Override
    public void close() {
        client.close();
    }
}
