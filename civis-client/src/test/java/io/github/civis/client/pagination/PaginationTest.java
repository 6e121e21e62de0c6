package io.github.civis.client.pagination;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;
import io.github.civis.client.TestSupport.RecordingSleeper;
import io.github.civis.client.pagination.CivisList;
import io.github.civis.client.transport.CallArguments;

import static io.github.civis.client.TestSupport.LIST_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

class PaginationTest {

    private static final int ITEMS = 3000;

    private MockWebServer server;
    private CivisClient client;
    private final List<HttpUrl> requests = new CopyOnWriteArrayList<>();
    private volatile boolean sendTotalPages = true;
    private final AtomicBoolean failPageTwoOnce = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        server = TestSupport.startServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                HttpUrl url = request.getUrl();
                requests.add(url);
                int limit = Integer.parseInt(url.queryParameter("limit"));
                int page = Integer.parseInt(url.queryParameter("pageNum"));
                if (page == 2 && failPageTwoOnce.compareAndSet(true, false)) {
                    return TestSupport.json(503, "{\"error\":\"unavailable\"}");
                }
                StringBuilder body = new StringBuilder("[");
                for (int id = (page - 1) * limit + 1; id <= Math.min(ITEMS, page * limit); id++) {
                    body.append(body.length() > 1 ? "," : "").append("{\"id\":").append(id).append('}');
                }
                body.append(']');
                MockResponse.Builder response = new MockResponse.Builder().code(200)
                        .setHeader("Content-Type", "application/json")
                        .setHeader("X-Pagination-Total-Entries", ITEMS)
                        .setHeader("X-Pagination-Current-Page", page)
                        .setHeader("X-Pagination-Per-Page", limit);
                if (sendTotalPages) {
                    response.setHeader("X-Pagination-Total-Pages", (ITEMS + limit - 1) / limit);
                }
                return response.body(body.toString()).build();
            }
        });
        client = TestSupport.clientFor(server, new RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static CallArguments databaseCredentials() {
        return new CallArguments(List.of(), Map.of("type", List.of("Database")), null);
    }

    private Stream<Long> ids(CallArguments arguments) {
        return client.transport().stream(LIST_CREDENTIALS, arguments, node -> node.get("id").longValue());
    }

    @Test
    void streamWalksEveryPageWithPageSize50() {
        try (Stream<Long> ids = ids(databaseCredentials())) {
            List<Long> all = ids.toList();
            assertThat(all).hasSize(ITEMS);
            assertThat(all.get(0)).isEqualTo(1L);
            assertThat(all.get(ITEMS - 1)).isEqualTo((long) ITEMS);
        }
        assertThat(requests).hasSize(60);
        for (int i = 0; i < 60; i++) {
            HttpUrl url = requests.get(i);
            assertThat(url.encodedPath()).isEqualTo("/credentials");
            assertThat(url.queryParameter("limit")).isEqualTo("50");
            assertThat(url.queryParameter("pageNum")).isEqualTo(Integer.toString(i + 1));
            assertThat(url.queryParameter("type")).isEqualTo("Database");
        }
    }

    @Test
    void streamWithoutTotalPagesStopsAtTheFirstEmptyPage() {
        sendTotalPages = false;

        assertThat(ids(CallArguments.none()).count()).isEqualTo(ITEMS);

        assertThat(requests).hasSize(61);
        assertThat(requests.get(60).queryParameter("pageNum")).isEqualTo("61");
    }

    @Test
    void shortCircuitingTheStreamFetchesOnlyTheNeededPages() {
        try (Stream<Long> ids = ids(CallArguments.none())) {
            assertThat(ids.limit(120).toList()).hasSize(120);
        }
        quietFor(Duration.ofMillis(300));
        // 120 elements need pages 1, 2 and 3 of 50; page 4 may have been read ahead, no more
        assertThat(pageNumbers()).startsWith(1, 2, 3).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void closingTheStreamStopsFetching() {
        Stream<Long> ids = ids(CallArguments.none());
        Iterator<Long> iterator = ids.iterator();
        for (int i = 0; i < 10; i++) {
            iterator.next();
        }
        awaitRequests(2);
        ids.close();

        assertThat(iterator.hasNext()).as("elements of the page already fetched").isTrue();
        for (int i = 0; i < 40; i++) {
            iterator.next();
        }
        assertThat(iterator.hasNext()).as("nothing past the closed stream's current page").isFalse();
        quietFor(Duration.ofMillis(300));
        assertThat(pageNumbers()).as("page 1, and page 2 read ahead before the close").containsExactly(1, 2);
    }

    @Test
    void readsOnePageAheadAndNoMore() {
        try (Stream<Long> ids = ids(CallArguments.none())) {
            Iterator<Long> iterator = ids.iterator();
            assertThat(iterator.next()).isEqualTo(1L);

            awaitRequests(2);
            quietFor(Duration.ofMillis(300));
            assertThat(pageNumbers()).as("page 2 travels while page 1 is consumed; page 3 waits").containsExactly(1, 2);

            for (int i = 2; i <= 51; i++) {
                assertThat(iterator.next()).isEqualTo((long) i);
            }
            awaitRequests(3);
            quietFor(Duration.ofMillis(300));
            assertThat(pageNumbers()).as("taking page 2 sends page 3, not 4").containsExactly(1, 2, 3);
        }
    }

    private List<Integer> pageNumbers() {
        return requests.stream().map(url -> Integer.parseInt(url.queryParameter("pageNum"))).toList();
    }

    /** Waits (at most 10 s) until the server has seen this many requests. */
    private void awaitRequests(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (requests.size() < count && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(requests).hasSizeGreaterThanOrEqualTo(count);
    }

    /** Leaves time for a request that should not be sent, so that the assertion after it would see it. */
    private static void quietFor(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void nothingIsFetchedBeforeTheStreamIsConsumed() {
        Stream<Long> ids = ids(CallArguments.none());

        assertThat(requests).isEmpty();
        ids.close();
    }

    @Test
    void callerPageSizeAndStartPageAreHonoured() {
        CallArguments arguments = new CallArguments(List.of(), Map.of("limit", List.of("100"), "pageNum",
                List.of("29")), null);

        assertThat(ids(arguments).toList()).hasSize(200).startsWith(2801L).endsWith(3000L);

        assertThat(requests).extracting(url -> url.queryParameter("pageNum")).containsExactly("29", "30");
        assertThat(requests).allSatisfy(url -> assertThat(url.queryParameter("limit")).isEqualTo("100"));
    }

    @Test
    void eachPageRequestIsRetried() {
        failPageTwoOnce.set(true);

        assertThat(ids(CallArguments.none()).count()).isEqualTo(ITEMS);

        assertThat(requests).hasSize(61);
        assertThat(requests.get(1).queryParameter("pageNum")).isEqualTo("2");
        assertThat(requests.get(2).queryParameter("pageNum")).isEqualTo("2");
    }

    @Test
    void fluxWalksEveryPage() {
        StepVerifier.create(client.transport().flux(LIST_CREDENTIALS, databaseCredentials(), node -> node.get("id")))
                .expectNextCount(ITEMS)
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        assertThat(requests).hasSize(60);
        assertThat(requests.get(59).queryParameter("pageNum")).isEqualTo("60");
    }

    @Test
    void fluxFetchesPagesOnlyAsDemanded() {
        StepVerifier.create(client.transport().flux(LIST_CREDENTIALS, CallArguments.none(), node -> node.get("id")), 0)
                .expectSubscription()
                .then(() -> assertThat(requests).isEmpty())
                .thenRequest(10)
                .expectNextCount(10)
                .then(() -> assertThat(requests).hasSize(1))
                .thenRequest(39)
                .expectNextCount(39)
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> assertThat(requests).as("page 1 still has an element left").hasSize(1))
                .thenRequest(1)
                .expectNextCount(1)
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> assertThat(requests).as("page 1 used up, nothing more asked for").hasSize(1))
                .thenRequest(1)
                .expectNextCount(1)
                .then(() -> assertThat(requests).hasSize(2))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aSinglePageCallExposesTheTotals() {
        CivisList<JsonNode> page = client.transport().call(LIST_CREDENTIALS,
                CallArguments.none().withQuery("limit", "50").withQuery("pageNum", "1"),
                (body, metadata) -> CivisList.read(body, metadata.pageInfo(), node -> node));

        assertThat(page).hasSize(50);
        assertThat(page.totalEntries()).hasValue(ITEMS);
        assertThat(page.totalPages()).hasValue(60);
        assertThat(page.pageInfo().currentPage()).isEqualTo(1L);
    }
}
