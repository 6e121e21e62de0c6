package io.github.civis.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.civis.client.CivisClient;
import io.github.civis.client.TestSupport;

/**
 * An HTTP server on 127.0.0.1 that answers every request with bytes written by a script, then
 * closes the connection: for answers no well-behaved server library would send (a length that
 * never arrives, a body trickled a byte at a time, a header with an empty value).
 */
public final class RawHttpServer implements AutoCloseable {

    /** Writes one answer; the connection is closed when it returns. */
    @FunctionalInterface
    public interface Script {

        /**
         * @param out the connection's output
         * @throws IOException when the client has gone
         * @throws InterruptedException when the server is closed
         */
        void answer(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Script script;
    private final Thread acceptor;
    private final List<Thread> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private RawHttpServer(Script script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.script = script;
        this.acceptor = new Thread(this::accept, "raw-http-server");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts a server.
     * @param script writes each answer
     * @return the running server
     * @throws IOException when no port could be bound
     */
    public static RawHttpServer start(Script script) throws IOException {
        RawHttpServer server = new RawHttpServer(script);
        server.acceptor.start();
        return server;
    }

    /** The base URL, ending in {@code /}. */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    /**
     * A client builder pointed at this server, as {@link TestSupport#clientFor} makes one: the
     * test key, an empty environment, a recording sleeper.
     */
    public CivisClient.Builder clientBuilder() {
        CivisClient.Builder builder = CivisClient.builder();
        TestSupport.RecordingSleeper sleeper = new TestSupport.RecordingSleeper();
        builder.hooks(hooks -> hooks.withEnvironment(name -> null).withSleeper(sleeper)
                .withClock(sleeper.clock()));
        return builder.baseUrl(url()).apiKey(TestSupport.SECRET_KEY);
    }

    /** How many requests have been read. */
    public int requests() {
        return requests.get();
    }

    /**
     * Writes ASCII text and flushes it.
     * @param out where to
     * @param text the text
     * @throws IOException when the client has gone
     */
    public static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void accept() {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            }
            catch (IOException ex) {
                return;
            }
            Thread handler = new Thread(() -> serve(connection), "raw-http-connection");
            handler.setDaemon(true);
            connections.add(handler);
            handler.start();
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            readRequestHead(connection.getInputStream());
            requests.incrementAndGet();
            script.answer(connection.getOutputStream());
        }
        catch (IOException | InterruptedException ex) {
            // the client went away, or the server is closing: nothing more to answer
        }
    }

    /** Reads up to the blank line that ends the request's headers (the tests send no request bodies). */
    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        // bounded: a request head longer than this is not one of these tests'
        for (int read = 0; read < 64 * 1024 && matched < end.length; read++) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed before the request's headers ended");
            }
            matched = (next == end[matched]) ? matched + 1 : (next == end[0]) ? 1 : 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        connections.forEach(Thread::interrupt);
    }
}
