package io.github.civis.simulator.http;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP server of the simulator, on Reactor Netty: asks the {@link SimulatorHandler} whether
 * to read a request's body at all (a wrong key or an announced body beyond the limit is
 * answered before any of it is read), reads it up to the limit, hands the request to the
 * handler, then answers, after a delay if asked, or closes the connection.
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
        SimulatorRequest head;
        try {
            head = toRequest(request, new byte[0]);
        }
        catch (RuntimeException ex) {
            // A URI Netty accepted but that does not decode (e.g. a bad %-escape).
            handler.stats().request();
            return send(CivisErrors.error(400, "Malformed request URI: " + ex.getMessage())
                .withHeader("Connection", "close"), response);
        }
        SimulatorHandler.Admission admission = handler.admit(head.method(), head.path(), head.headers());
        if (admission instanceof SimulatorHandler.Refused refused) {
            // Answered without reading the body; Connection: close discards the rest of it.
            return send(refused.answer(), response);
        }
        long limit = ((SimulatorHandler.ReadBody) admission).maxBytes();
        return request.receive()
            .reduceWith(ByteArrayOutputStream::new, (body, chunk) -> {
                if (body.size() + (long) chunk.readableBytes() > limit) {
                    throw new BodyTooLargeException();
                }
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.readBytes(bytes);
                body.writeBytes(bytes);
                return body;
            })
            .map(ByteArrayOutputStream::toByteArray)
            .defaultIfEmpty(new byte[0])
            .flatMap(body -> answer(new SimulatorRequest(head.method(), head.path(), head.query(), head.headers(), body),
                    response))
            .onErrorResume(BodyTooLargeException.class, ex -> send(handler.tooLarge(limit), response));
    }

    /** A body went beyond the limit while being read. */
    private static final class BodyTooLargeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }

    private Mono<Void> send(SimulatorResponse answer, HttpServerResponse response) {
        handler.stats().answered(answer.status());
        response.status(answer.status());
        answer.headers().forEach(response::header);
        return (answer.body().length == 0) ? response.send() : response.sendByteArray(Mono.just(answer.body())).then();
    }

    private Mono<Void> answer(SimulatorRequest request, HttpServerResponse response) {
        // Off the event loop: some calls do real work (a CSV import reads and writes a whole
        // file, a SQL result is written out), and an event loop busy with one stalls every other
        // connection it serves.
        return Mono.fromCallable(() -> handler.handle(request))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(answer -> reply(answer, response));
    }

    private Mono<Void> reply(SimulatorResponse answer, HttpServerResponse response) {
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
