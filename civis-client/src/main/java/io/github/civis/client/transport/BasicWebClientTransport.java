package io.github.civis.client.transport;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import io.github.civis.client.pagination.PageInfo;

/**
 * A plain WebClient transport: one call, no retries. Temporary until the production transport
 * lands.
 */
public final class BasicWebClientTransport implements CivisTransport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient webClient;
    private final Supplier<String> apiKey;

    public BasicWebClientTransport(String baseUrl, Supplier<String> apiKey) {
        this.webClient = WebClient.builder()
            .baseUrl(baseUrl)
            .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
            .build();
        this.apiKey = apiKey;
    }

    @Override
    public <T> T call(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
        return callReactive(operation, arguments, reader).block();
    }

    @Override
    public <T> Mono<T> callReactive(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
        WebClient.RequestBodySpec spec = webClient.method(HttpMethod.valueOf(operation.method()))
            .uri(builder -> uri(builder, operation, arguments))
            .headers(h -> h.setBearerAuth(apiKey.get()));
        WebClient.RequestHeadersSpec<?> request = (arguments.body() != null)
                ? spec.header(HttpHeaders.CONTENT_TYPE, "application/json").bodyValue(arguments.body().toString()) : spec;
        return request.exchangeToMono(response -> response.bodyToMono(String.class)
            .defaultIfEmpty("")
            .map(text -> {
                int status = response.statusCode().value();
                if (status >= 400) {
                    JsonNode error = MissingNode.getInstance();
                    try {
                        error = JSON.readTree(text);
                    }
                    catch (RuntimeException ex) {
                        // not JSON: no description
                    }
                    throw new io.github.civis.client.error.CivisApiException(status, operation.method(), operation.route(),
                            error.path("error").isString() ? error.path("error").stringValue() : null,
                            error.path("errorDescription").isString() ? error.path("errorDescription").stringValue() : null);
                }
                JsonNode body = text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
                T value = reader.read(body, new ResponseMetadata(status, response.headers().asHttpHeaders()));
                return java.util.Optional.ofNullable(value);
            }))
            .flatMap(optional -> optional.map(Mono::just).orElseGet(Mono::empty));
    }

    private static URI uri(UriBuilder builder, OperationDescriptor operation, CallArguments arguments) {
        builder.path(operation.route());
        int n = 0;
        for (Map.Entry<String, List<String>> entry : arguments.query().entrySet()) {
            for (String value : entry.getValue()) {
                builder.queryParam(entry.getKey(), "{q" + n++ + "}");
            }
        }
        Map<String, Object> values = new java.util.HashMap<>();
        List<ParameterDescriptor> path = operation.pathParameters();
        for (int i = 0; i < path.size(); i++) {
            values.put(path.get(i).wireName(), arguments.pathValues().get(i));
        }
        int index = 0;
        for (Map.Entry<String, List<String>> entry : arguments.query().entrySet()) {
            for (String value : entry.getValue()) {
                values.put("q" + index++, value);
            }
        }
        return builder.build(values);
    }

    @Override
    public <T> Stream<T> stream(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
        return flux(operation, arguments, element).toStream(1);
    }

    @Override
    public <T> Flux<T> flux(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
        return Flux.range(1, Integer.MAX_VALUE)
            .concatMap(page -> callReactive(operation, arguments.withQuery("pageNum", String.valueOf(page))
                .withQuery("limit", arguments.query().getOrDefault("limit", List.of("50")).get(0)),
                    (body, meta) -> new Page(body, meta.pageInfo(), page)), 1)
            .takeUntil(page -> page.last())
            .takeWhile(page -> page.body().isArray() && !page.body().isEmpty())
            .concatMapIterable(page -> {
                java.util.List<T> items = new java.util.ArrayList<>();
                page.body().forEach(node -> items.add(element.apply(node)));
                return items;
            });
    }

    private record Page(JsonNode body, PageInfo info, int number) {
        boolean last() {
            return info.totalPages() != null && number >= info.totalPages();
        }
    }
}
