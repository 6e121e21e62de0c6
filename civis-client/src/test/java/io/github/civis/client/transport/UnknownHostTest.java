package io.github.civis.client.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.Test;

import io.github.civis.client.CivisClient;
import io.github.civis.client.error.CivisTransportException;
import io.github.civis.client.retry.CivisRetryPolicy;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A base URL whose host does not resolve is reported with that host and port, not only with the
 * resolver's own words ("Query failed with NXDOMAIN"). The resolver here answers as a DNS
 * resolver does for a name that does not exist, without asking any server.
 */
class UnknownHostTest {

    @Test
    void anUnresolvableHostIsNamedWithItsPort() {
        try (CivisClient client = CivisClient.builder().baseUrl("https://api.civis.example.invalid/").apiKey("k")
            .httpClientCustomizer(http -> http.resolver(new NoSuchHost()))
            .retryPolicy(CivisRetryPolicy.none())
            .build()) {

            assertThatExceptionOfType(CivisTransportException.class).isThrownBy(() -> client.users().getMe())
                .withMessageContaining("the host api.civis.example.invalid:443 could not be resolved")
                .withMessageContaining("check the base URL")
                .withMessageContaining("Query failed with NXDOMAIN");
        }
    }

    /** Fails every name as Netty's DNS resolver does for a name that does not exist. */
    private static final class NoSuchHost extends AddressResolverGroup<InetSocketAddress> {

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetNameResolver(executor) {
                @Override
                protected void doResolve(String inetHost, Promise<InetAddress> promise) {
                    promise.setFailure(nxdomain(inetHost));
                }

                @Override
                protected void doResolveAll(String inetHost, Promise<java.util.List<InetAddress>> promise) {
                    promise.setFailure(nxdomain(inetHost));
                }
            }.asAddressResolver();
        }

        private static UnknownHostException nxdomain(String host) {
            UnknownHostException failure = new UnknownHostException("Failed to resolve '" + host + "' [A(1)] after 1 queries");
            failure.initCause(new IllegalStateException("Query failed with NXDOMAIN"));
            return failure;
        }
    }
}
