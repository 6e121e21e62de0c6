package io.github.civis.bench.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Load is only ever sent to this machine: a benchmark pointed elsewhere would be an unannounced
 * load test of someone's server.
 */
public final class Loopback {

    private Loopback() {
    }

    /**
     * Checks that a target URL names a loopback address.
     * @param url the target
     * @return the URL, normalised to end in {@code /}
     * @throws IllegalArgumentException if it is not {@code http} on a loopback address
     */
    public static String require(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("not a URL: " + url, ex);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("target must be http://<loopback address>:<port>/, got " + url);
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        // Only literal addresses or "localhost": a name could resolve differently later.
        if (!host.equals("localhost") && !Character.isDigit(host.charAt(0)) && !host.contains(":")) {
            throw new IllegalArgumentException("target must be a loopback address, got host " + host);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("refusing to send load to non-loopback address " + address.getHostAddress());
                }
            }
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("cannot resolve " + host, ex);
        }
        return url.endsWith("/") ? url : url + "/";
    }
}
