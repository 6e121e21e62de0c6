package io.github.civis.bench.stub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A Civis-shaped HTTP server on 127.0.0.1 that answers from canned bytes, so that a benchmark
 * measures the client and not the server. Reactor Netty is used because the JDK's HttpServer
 * caps out below what the clients under test can send.
 *
 * <p>Routes (under an optional {@code /big} prefix, whose lists are {@code bigTotal} long, or
 * an optional {@code /slow} prefix, whose answers leave {@link #SLOW_LATENCY} after the request
 * arrived, to measure a client against a latency-bound ceiling):
 * <ul>
 * <li>{@code GET /credentials/{id}}: the credential with that id, for ids 1 to
 * {@value #CREDENTIAL_IDS} (404 for others), so that a client can check that it decoded the
 * answer to its own request;</li>
 * <li>{@code GET /credentials/?limit=50&pageNum=N}: page N of {@code total} credentials (ids
 * {@code (N-1)*50+1} to {@code N*50}) with the four {@code X-Pagination-*} headers; each page's
 * bytes are rendered once, on first request, so that the server does no JSON work per page;</li>
 * <li>{@code GET /scripts/}: one page of 50 large script objects.</li>
 * </ul>
 * A request without an {@code Authorization} header gets 401, as from Civis.
 */
public final class StubServer implements AutoCloseable {

    private static final String BIG_PREFIX = "/big";

    private static final String SLOW_PREFIX = "/slow";

    /** How long the {@code /slow} routes take to answer. */
    public static final Duration SLOW_LATENCY = Duration.ofMillis(50);

    /** Credentials {@code GET /credentials/{id}} knows: ids 1 to this. */
    public static final int CREDENTIAL_IDS = 1000;

    private final byte[][] credentials = new byte[CREDENTIAL_IDS + 1][];

    /** Rendered pages of 50 by page number; at most {@code bigTotal / 50} of them. */
    private final Map<Long, byte[]> credentialsPages = new ConcurrentHashMap<>();

    private final byte[] scriptsPage = CannedResponses.scriptsPage();

    private final long total;

    private final long bigTotal;

    private final DisposableServer server;

    /**
     * Starts a server.
     * @param port the port, 0 for any free one
     * @param total length of the credentials list
     * @param bigTotal length of the credentials list under {@code /big}
     */
    public StubServer(int port, long total, long bigTotal) {
        this.total = total;
        this.bigTotal = bigTotal;
        for (int id = 1; id <= CREDENTIAL_IDS; id++) {
            credentials[id] = CannedResponses.credential(id);
        }
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(port)
            .handle(this::handle)
            .bindNow(Duration.ofSeconds(10));
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** The base URL clients are pointed at. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        if (!request.requestHeaders().contains("Authorization")) {
            return send(response.status(HttpResponseStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer"),
                    "{\"error\":\"unauthorized\",\"errorDescription\":\"no key\",\"code\":401}".getBytes());
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (path.startsWith(SLOW_PREFIX + "/")) {
            String rest = path.substring(SLOW_PREFIX.length());
            // The delay runs on a timer; no thread waits while the answer is held back.
            return Mono.delay(SLOW_LATENCY).then(Mono.defer(() -> route(response, rest, uri, total)));
        }
        long listTotal = total;
        if (path.startsWith(BIG_PREFIX + "/")) {
            path = path.substring(BIG_PREFIX.length());
            listTotal = bigTotal;
        }
        return route(response, path, uri, listTotal);
    }

    private Mono<Void> route(HttpServerResponse response, String path, QueryStringDecoder uri, long listTotal) {
        if (path.equals("/credentials/") || path.equals("/credentials")) {
            return page(response, uri.parameters(), listTotal);
        }
        if (path.startsWith("/credentials/")) {
            byte[] body = credential(path.substring("/credentials/".length()));
            return (body != null) ? send(response, body) : notFound(response);
        }
        if (path.equals("/scripts/") || path.equals("/scripts")) {
            response.header("X-Pagination-Per-Page", Integer.toString(CannedResponses.PAGE_SIZE))
                .header("X-Pagination-Current-Page", "1")
                .header("X-Pagination-Total-Pages", "1")
                .header("X-Pagination-Total-Entries", Integer.toString(CannedResponses.PAGE_SIZE));
            return send(response, scriptsPage);
        }
        return notFound(response);
    }

    private byte[] credential(String id) {
        try {
            int number = Integer.parseInt(id);
            return (number >= 1 && number <= CREDENTIAL_IDS) ? credentials[number] : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static Mono<Void> notFound(HttpServerResponse response) {
        return send(response.status(HttpResponseStatus.NOT_FOUND),
                "{\"error\":\"not_found\",\"errorDescription\":\"no such route\",\"code\":404}".getBytes());
    }

    private Mono<Void> page(HttpServerResponse response, Map<String, List<String>> query, long listTotal) {
        long perPage = number(query, "limit", CannedResponses.PAGE_SIZE);
        long pageNum = number(query, "pageNum", number(query, "page_num", 1));
        if (perPage != CannedResponses.PAGE_SIZE) {
            return send(response.status(HttpResponseStatus.BAD_REQUEST),
                    "{\"error\":\"bad_request\",\"errorDescription\":\"the stub serves pages of 50\",\"code\":400}".getBytes());
        }
        long totalPages = Math.max(1, (listTotal + perPage - 1) / perPage);
        response.header("X-Pagination-Per-Page", Long.toString(perPage))
            .header("X-Pagination-Current-Page", Long.toString(pageNum))
            .header("X-Pagination-Total-Pages", Long.toString(totalPages))
            .header("X-Pagination-Total-Entries", Long.toString(listTotal));
        if (pageNum < 1 || pageNum > totalPages) {
            return send(response, "[]".getBytes());
        }
        byte[] body = credentialsPages.computeIfAbsent(pageNum, n -> CannedResponses.credentialsPage((n - 1) * perPage + 1));
        return send(response, body);
    }

    private static long number(Map<String, List<String>> query, String name, long fallback) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(values.get(0));
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }

    private static Mono<Void> send(HttpServerResponse response, byte[] body) {
        return response.header("Content-Type", "application/json; charset=utf-8")
            .header("Content-Length", Integer.toString(body.length))
            .send(Mono.just(Unpooled.wrappedBuffer(body)))
            .then();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    /**
     * Runs the server until stdin closes or {@code --max-seconds} pass, whichever comes first, so
     * that an orphaned stub never outlives its benchmark run.
     * Prints {@code STUB_URL=...} once listening.
     * @param args {@code [--port N] [--total N] [--big-total N] [--max-seconds N]}
     * @throws Exception if it cannot bind
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        long total = 10_000;
        long bigTotal = 100_000;
        long maxSeconds = 1800;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--total" -> total = Long.parseLong(args[i + 1]);
                case "--big-total" -> bigTotal = Long.parseLong(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (StubServer stub = new StubServer(port, total, bigTotal)) {
            System.out.println("STUB_URL=" + stub.baseUrl());
            System.out.flush();
            Thread watchdog = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // drain: the parent closing our stdin is the signal to stop
                    }
                }
                catch (java.io.IOException ex) {
                    // parent gone
                }
            }, "stub-stdin");
            watchdog.setDaemon(true);
            watchdog.start();
            watchdog.join(Duration.ofSeconds(maxSeconds).toMillis());
        }
    }
}
