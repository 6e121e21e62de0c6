package io.github.civis.client.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 server on 127.0.0.1 written over plain sockets, for what a well-behaved server
 * library will not do: end a body by closing the connection, cut a chunked body before its last
 * chunk, ignore {@code Range}. Each answer closes its connection; requests are recorded.
 */
final class ScriptedHttpServer implements AutoCloseable {

    /** One request as received; header names in lower case. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Writes the answer to one request; returning closes the connection. */
    @FunctionalInterface
    interface Handler {

        void answer(Request request, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private ScriptedHttpServer(ServerSocket socket, Handler handler) {
        this.socket = socket;
        this.handler = handler;
        this.acceptor = new Thread(this::accept, "scripted-http-" + socket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** A plain HTTP server. */
    static ScriptedHttpServer http(Handler handler) throws IOException {
        return new ScriptedHttpServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), handler);
    }

    /** An HTTPS server presenting the key of {@code context}. */
    static ScriptedHttpServer https(SSLContext context, Handler handler) throws IOException {
        return new ScriptedHttpServer(
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), handler);
    }

    String url(String path) {
        String scheme = (socket instanceof javax.net.ssl.SSLServerSocket) ? "https" : "http";
        return scheme + "://127.0.0.1:" + socket.getLocalPort() + path;
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Request> requests() {
        return requests;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.target().startsWith(path)).toList();
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
            Thread worker = new Thread(() -> serve(connection), "scripted-http-connection");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(30_000);
            Request request = read(connection.getInputStream());
            if (request == null) {
                return;
            }
            requests.add(request);
            OutputStream out = connection.getOutputStream();
            handler.answer(request, out);
            out.flush();
        }
        catch (IOException ex) {
            // the client went away: nothing to answer
        }
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            String header = line(in);
            if (header == null || header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body = new byte[0];
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        }
        return new Request(parts[0], parts[1], headers, body);
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i < 16 * 1024; i++) {
            int b = in.read();
            if (b < 0) {
                return (line.size() == 0) ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        throw new IOException("header line too long");
    }

    // ---- answers

    /** Status line and headers, then the blank line. */
    static void head(OutputStream out, int status, String... headers) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
            .append("\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("Connection: close\r\n\r\n");
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A JSON answer with its length. */
    static void json(OutputStream out, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        head(out, 200, "Content-Type: application/json", "Content-Length: " + bytes.length);
        out.write(bytes);
    }

    /** One chunk of a chunked body. */
    static void chunk(OutputStream out, byte[] content, int from, int to) throws IOException {
        out.write((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(content, from, to - from);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The chunk that says a chunked body is complete. */
    static void lastChunk(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The first byte {@code Range: bytes=N-} asks for, or 0. */
    static int rangeStart(Request request) {
        String range = request.header("Range");
        if (range == null || !range.matches("bytes=\\d+-")) {
            return 0;
        }
        return Integer.parseInt(range.substring(6, range.length() - 1));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 206 -> "Partial Content";
            case 416 -> "Range Not Satisfiable";
            default -> "Status";
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
