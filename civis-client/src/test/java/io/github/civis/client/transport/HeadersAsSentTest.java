package io.github.civis.client.transport;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.civis.client.CivisClient;
import io.github.civis.client.pagination.PageInfo;

import static io.github.civis.client.TestSupport.LIST_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response headers reach the caller as the server sent them: a header present with an empty
 * value (as the platform sends {@code X-Pagination-Current-Page:}) is an empty string, an absent
 * one is absent.
 */
class HeadersAsSentTest {

    private RawHttpServer server;
    private CivisClient client;

    static List<Arguments> paths() {
        return List.of(
                Arguments.of("Reactor Netty", UnaryOperator.<CivisClient.Builder>identity()),
                Arguments.of("WebClient", (UnaryOperator<CivisClient.Builder>) builder ->
                        builder.webClientBuilder(WebClient.builder())),
                // blocking calls on the calling thread; reactive ones still go through Reactor Netty
                Arguments.of("blocking I/O", (UnaryOperator<CivisClient.Builder>) builder -> builder.blockingIo(true)));
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void anEmptyHeaderIsAnEmptyStringAndAnAbsentOneIsAbsent(String name, UnaryOperator<CivisClient.Builder> path)
            throws IOException {
        server = RawHttpServer.start(out -> RawHttpServer.write(out, "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Pagination-Current-Page:\r\n"
                + "X-Pagination-Per-Page: \r\n"
                + "X-Pagination-Total-Entries: 7\r\n"
                + "Content-Length: 2\r\n\r\n[]"));
        client = path.apply(server.clientBuilder()).build();
        AtomicReference<ResponseMetadata> seen = new AtomicReference<>();

        client.transport().call(LIST_CREDENTIALS, CallArguments.none(), (body, metadata) -> {
            seen.set(metadata);
            return body;
        });

        ResponseMetadata metadata = seen.get();
        assertThat(metadata.headers().containsHeader(PageInfo.CURRENT_PAGE)).isTrue();
        assertThat(metadata.headers().getFirst(PageInfo.CURRENT_PAGE)).isEmpty();
        assertThat(metadata.headers().get(PageInfo.PER_PAGE)).containsExactly("");
        assertThat(metadata.headers().containsHeader(PageInfo.TOTAL_PAGES)).isFalse();
        assertThat(metadata.headers().getFirst(PageInfo.TOTAL_PAGES)).isNull();

        PageInfo page = metadata.pageInfo();
        assertThat(page.totalEntries()).isEqualTo(7L);
        assertThat(page.header(PageInfo.CURRENT_PAGE)).contains("");
        assertThat(page.header(PageInfo.PER_PAGE)).contains("");
        assertThat(page.header(PageInfo.TOTAL_ENTRIES)).contains("7");
        assertThat(page.header(PageInfo.TOTAL_PAGES)).isEmpty();
    }
}
