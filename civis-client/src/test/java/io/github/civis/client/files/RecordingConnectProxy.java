package io.github.civis.client.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward proxy on 127.0.0.1 that tunnels {@code CONNECT} requests to ports of 127.0.0.1 and
 * records each target, as a corporate proxy would see them.
 */
final class RecordingConnectProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final List<String> targets = new CopyOnWriteArrayList<>();

    RecordingConnectProxy() throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "connect-proxy-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The {@code host:port} of every tunnel asked for, in order. */
    List<String> targets() {
        return targets;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                daemon(() -> tunnel(client));
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String requestLine = ScriptedHttpServer.line(in);
            for (int i = 0; i < 200; i++) {
                String header = ScriptedHttpServer.line(in);
                if (header == null || header.isEmpty()) {
                    break;
                }
            }
            String[] parts = (requestLine != null) ? requestLine.split(" ") : new String[0];
            OutputStream out = client.getOutputStream();
            if (parts.length < 2 || !parts[0].equals("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            targets.add(parts[1]);
            String host = parts[1].substring(0, parts[1].lastIndexOf(':'));
            int port = Integer.parseInt(parts[1].substring(parts[1].lastIndexOf(':') + 1));
            if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
                out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread back = daemon(() -> copy(upstream, client));
                copy(client, upstream);
                back.join(30_000);
            }
        }
        catch (IOException | InterruptedException ex) {
            // a side went away: the tunnel ends
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        }
        catch (IOException ex) {
            // the other direction closed the sockets
        }
        finally {
            try {
                to.shutdownOutput();
            }
            catch (IOException ex) {
                // already closed
            }
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "connect-proxy-tunnel");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
