package io.github.civis.simulator.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP server of the simulator, on Reactor Netty: reads each request whole, hands it to the
 * {@link SimulatorHandler}, then answers, after a delay if asked, or closes the connection.
 */
public final class SimulatorServer {

    private final SimulatorHandler handler;
    private DisposableServer server;

    /** A server for that handler; not yet listening. */
    public SimulatorServer(SimulatorHandler handler) {
        this.handler = handler;
    }

    /**
     * Starts listening.
     *
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, {@code 0} for an ephemeral one
     */
    public synchronized void start(String host, int port) {
        if (server != null) {
            throw new IllegalStateException("Already started on port " + server.port());
        }
        server = HttpServer.create()
            .host(host)
            .port(port)
            .httpRequestDecoder(spec -> spec.maxInitialLineLength(64 * 1024).maxHeaderSize(64 * 1024))
            .handle(this::serve)
            .bindNow(Duration.ofSeconds(30));
    }

    /** The port listened on. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("Not started");
        }
        return server.port();
    }

    /** Stops listening and closes open connections. */
    public synchronized void stop() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
    }

    private Mono<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        if (StorageRoutes.handles(request.uri())) {
            // File contents are streamed to and from disk, never aggregated in memory.
            return handler.storage().serve(request, response);
        }
        return request.receive()
            .aggregate()
            .asByteArray()
            .defaultIfEmpty(new byte[0])
            .flatMap(body -> {
                SimulatorRequest parsed;
                try {
                    parsed = toRequest(request, body);
                }
                catch (RuntimeException ex) {
                    // A URI Netty accepted but that does not decode (e.g. a bad %-escape).
                    return send(CivisErrors.error(400, "Malformed request URI: " + ex.getMessage()), response);
                }
                return answer(parsed, response);
            });
    }

    private Mono<Void> send(SimulatorResponse answer, HttpServerResponse response) {
        handler.stats().answered(answer.status());
        response.status(answer.status());
        answer.headers().forEach(response::header);
        return (answer.body().length == 0) ? response.send() : response.sendByteArray(Mono.just(answer.body())).then();
    }

    private Mono<Void> answer(SimulatorRequest request, HttpServerResponse response) {
        SimulatorResponse answer = handler.handle(request);
        Mono<Void> send = Mono.defer(() -> {
            if (answer.dropConnection()) {
                response.withConnection(connection -> connection.channel().close());
                return Mono.empty();
            }
            return send(answer, response);
        });
        if (answer.delay().isZero()) {
            return send;
        }
        long start = System.nanoTime();
        return Mono.delay(answer.delay())
            .doOnNext(tick -> handler.stats().delayed(System.nanoTime() - start))
            .then(send);
    }

    private static SimulatorRequest toRequest(HttpServerRequest request, byte[] body) {
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        Map<String, List<String>> query = new LinkedHashMap<>(decoder.parameters());
        Map<String, String> headers = new LinkedHashMap<>();
        request.requestHeaders().forEach(entry -> headers.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT),
                entry.getValue()));
        return new SimulatorRequest(request.method().name(), decoder.path(), query, headers, body);
    }
}
