package io.github.civis.client.transport;

import java.util.function.Function;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The one interface between the generated API and HTTP. Generated methods describe their call
 * with an {@link OperationDescriptor} plus {@link CallArguments} and hand it here; everything
 * about the wire (authentication, retries, errors, timeouts, metrics) lives behind it.
 * Implementations are thread-safe.
 */
public interface CivisTransport {

    /**
     * Makes a call and waits for its result.
     * @param operation the operation
     * @param arguments the call's values, already validated
     * @param reader turns the body into the returned value
     * @param <T> the returned type
     * @return what {@code reader} made of the body
     */
    <T> T call(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader);

    /**
     * Makes a call without blocking.
     * @param operation the operation
     * @param arguments the call's values, already validated
     * @param reader turns the body into the emitted value
     * @param <T> the emitted type
     * @return a cold {@code Mono}: nothing is sent until it is subscribed to
     */
    <T> Mono<T> callReactive(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader);

    /**
     * Every element of a paginated list, page after page, fetched lazily as the stream is
     * consumed. Closing the stream or short-circuiting it stops fetching.
     * @param operation a paginated operation
     * @param arguments the call's values; {@code limit} sets the page size
     * @param element reads one element
     * @param <T> the element type
     * @return a lazy stream
     */
    <T> Stream<T> stream(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element);

    /**
     * Every element of a paginated list as a {@code Flux}, fetching a page only when the
     * subscriber asks for more.
     * @param operation a paginated operation
     * @param arguments the call's values; {@code limit} sets the page size
     * @param element reads one element
     * @param <T> the element type
     * @return a cold, lazy flux
     */
    <T> Flux<T> flux(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element);
}
