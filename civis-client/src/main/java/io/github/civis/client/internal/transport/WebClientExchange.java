package io.github.civis.client.internal.transport;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Exchanges through a {@link WebClient}: used when the client is built from an application's
 * {@code WebClient.Builder}, whose filters, codecs and observation of HTTP requests then apply to
 * every attempt.
 */
final class WebClientExchange implements Exchange {

    private static final byte[] NO_BODY = new byte[0];

    private final WebClient webClient;

    WebClientExchange(WebClient webClient) {
        this.webClient = webClient;
    }

    @Override
    public <T> Mono<T> exchange(String method, URI uri, Map<String, String> headers, byte @Nullable [] body,
            Handler<T> handler) {
        WebClient.RequestBodySpec request = webClient.method(HttpMethod.valueOf(method))
                .uri(uri)
                .headers(all -> headers.forEach(all::set));
        WebClient.RequestHeadersSpec<?> ready = request;
        if (body != null) {
            ready = request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return ready.exchangeToMono(response -> response.bodyToMono(byte[].class)
                .defaultIfEmpty(NO_BODY)
                .handle((bytes, sink) -> {
                    T value = handler.handle(response.statusCode().value(), response.headers().asHttpHeaders(), bytes);
                    if (value != null) {
                        sink.next(value);
                    }
                }));
    }

    @Override
    public String toString() {
        return "WebClientExchange";
    }
}
