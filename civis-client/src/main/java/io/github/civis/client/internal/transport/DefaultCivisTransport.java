package io.github.civis.client.internal.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.civis.client.error.CivisException;
import io.github.civis.client.error.CivisInterruptedException;
import io.github.civis.client.observation.CivisObservationDocumentation;
import io.github.civis.client.observation.CivisRequestContext;
import io.github.civis.client.observation.DefaultCivisClientObservationConvention;
import io.github.civis.client.internal.BlockingWait;
import io.github.civis.client.internal.pagination.Page;
import io.github.civis.client.internal.pagination.Paginator;
import io.github.civis.client.internal.ratelimit.RateBudget;
import io.github.civis.client.ratelimit.LocalRateLimitStore;
import io.github.civis.client.ratelimit.RateBucket;
import io.github.civis.client.ratelimit.RateLimitSettings;
import io.github.civis.client.ratelimit.RateLimitStatus;
import io.github.civis.client.transport.CallArguments;
import io.github.civis.client.transport.CivisTransport;
import io.github.civis.client.transport.OperationDescriptor;
import io.github.civis.client.transport.ResponseReader;

/**
 * The production {@link CivisTransport}: one shared Reactor Netty client (and so one connection
 * pool) for every call, no locks, safe to use from any number of threads. Requests go through
 * an application's {@link WebClient} when the client was built from its builder, and straight
 * to Reactor Netty otherwise ({@link Exchange}).
 *
 * <p>A call passes through stages, each a class of its own and testable alone, outermost first:
 * the observation of the logical call; {@link RetryStage} (the retry policy, the retry log and
 * listener); the rate budget; {@link CallDeadline} (the call timeout of one attempt);
 * {@link RequestStage} (URI, headers, authorization, body); the {@link Exchange} (the wire);
 * {@link ResponseStage} (status and body to a value or a typed exception) and
 * {@link WireFailures} (failures before an answer). A blocking {@link #call} runs the same
 * attempt as a reactive one and waits for it on the caller's thread; it must not be used on a
 * Reactor event-loop thread.
 */
public final class DefaultCivisTransport implements CivisTransport {

    private static final DefaultCivisClientObservationConvention DEFAULT_CONVENTION =
            new DefaultCivisClientObservationConvention();

    /** Value of {@code ObservationThreadLocalAccessor.KEY}, spelled out to avoid needing context-propagation. */
    private static final String OBSERVATION_CONTEXT_KEY = "micrometer.observation";

    /** The Reactor context key under which the rate-budget stage hands an attempt its API key. */
    private static final String KEY_CONTEXT = "civis.apiKey";

    /** Shared by every transport: a mapper is thread-safe, and building one costs start-up time. */
    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    private final Exchange exchange;
    private final TransportSettings settings;
    private final AtomicReference<RateLimitStatus> rateLimit;
    private final RateBudget budget;
    private final RequestStage requests;
    private final ResponseStage responses;
    private final WireFailures wireFailures;
    private final RetryStage retries;
    private final @Nullable BlockingIoExchange blockingIo;

    /**
     * Creates the transport over a {@link WebClient}, whose filters, codecs and HTTP observation
     * then apply to every attempt.
     * @param webClient the client every call goes through; its connector sets the connect and
     *        response timeouts and the connection pool
     * @param settings the validated settings
     */
    public DefaultCivisTransport(WebClient webClient, TransportSettings settings) {
        this(webClient, settings, disabledBudget(settings));
    }

    /**
     * Creates the transport over a {@link WebClient}, with a rate budget every call draws from.
     * @param webClient the client every call goes through
     * @param settings the validated settings
     * @param budget the rate budget
     */
    public DefaultCivisTransport(WebClient webClient, TransportSettings settings, RateBudget budget) {
        this(new WebClientExchange(webClient), settings, new AtomicReference<>(RateLimitStatus.unknown()), budget,
                null);
    }

    /**
     * Creates the transport straight over Reactor Netty, for a client that no application's
     * {@code WebClient.Builder} customizes: the same connections, timeouts and behaviour, with
     * less work per call.
     * @param http the client every call goes through; it sets the connect and response timeouts
     *        and the connection pool
     * @param maxInMemorySize the largest response body held, in bytes; a larger one fails the call
     * @param settings the validated settings
     */
    public DefaultCivisTransport(HttpClient http, int maxInMemorySize, TransportSettings settings) {
        this(http, maxInMemorySize, settings, disabledBudget(settings));
    }

    /**
     * Creates the transport straight over Reactor Netty, with a rate budget every call draws from.
     * @param http the client every call goes through
     * @param maxInMemorySize the largest response body held, in bytes
     * @param settings the validated settings
     * @param budget the rate budget
     */
    public DefaultCivisTransport(HttpClient http, int maxInMemorySize, TransportSettings settings, RateBudget budget) {
        this(new NettyExchange(http, maxInMemorySize), settings, new AtomicReference<>(RateLimitStatus.unknown()),
                budget, null);
    }

    /**
     * Creates the transport straight over Reactor Netty for everything but single blocking calls,
     * which it sends on the calling thread with blocking sockets (Apache HttpClient 5, which must
     * be on the class path; see {@link #blockingIoAvailable()}), on connections of their own.
     * @param http the client reactive calls, streams and pages go through
     * @param maxInMemorySize the largest response body held, in bytes
     * @param settings the validated settings (its timeouts apply to both)
     * @param budget the rate budget
     * @param maxConnections most connections of the blocking calls' own pool
     * @return the transport; {@link #close()} closes the blocking calls' connections
     */
    public static DefaultCivisTransport withBlockingIo(HttpClient http, int maxInMemorySize,
            TransportSettings settings, RateBudget budget, int maxConnections) {
        return new DefaultCivisTransport(new NettyExchange(http, maxInMemorySize), settings,
                new AtomicReference<>(RateLimitStatus.unknown()), budget,
                new BlockingIoExchange(maxConnections, settings.connectTimeout(), settings.responseTimeout(),
                        maxInMemorySize, CallDeadline.WHEEL));
    }

    /** Whether Apache HttpClient 5, which blocking I/O needs, is on the class path. */
    public static boolean blockingIoAvailable() {
        try {
            Class.forName("org.apache.hc.client5.http.impl.classic.HttpClients", false,
                    DefaultCivisTransport.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** Whether single blocking calls are sent with blocking I/O on the calling thread. */
    public boolean usesBlockingIo() {
        return blockingIo != null;
    }

    /** Closes what this transport owns: the blocking calls' connections, when it has them. */
    public void close() {
        if (blockingIo != null) {
            blockingIo.close();
        }
    }

    private static RateBudget disabledBudget(TransportSettings settings) {
        return new RateBudget(RateLimitSettings.disabled(), new LocalRateLimitStore(), settings.apiKey(),
                settings.listener());
    }

    private DefaultCivisTransport(Exchange exchange, TransportSettings settings,
            AtomicReference<RateLimitStatus> rateLimit, RateBudget budget, @Nullable BlockingIoExchange blockingIo) {
        this.exchange = exchange;
        this.blockingIo = blockingIo;
        this.settings = settings;
        this.rateLimit = rateLimit;
        this.budget = budget;
        this.requests = new RequestStage(settings, JSON_MAPPER);
        this.responses = new ResponseStage(JSON_MAPPER, rateLimit, budget, settings.listener(), settings.clock(),
                settings.apiKeySource());
        this.wireFailures = new WireFailures(settings.baseUrl(), settings.connectTimeout(), settings.responseTimeout(),
                settings.callTimeout());
        this.retries = new RetryStage(settings);
    }

    /**
     * A transport over the same connections that follows another retry policy, e.g. none for a
     * health check that must answer within its own timeout.
     * @param policy the retry policy
     * @return the transport
     */
    public DefaultCivisTransport withRetryPolicy(io.github.civis.client.retry.CivisRetryPolicy policy) {
        // the rate-limit window and the budget are the key's, whichever policy made the call
        return new DefaultCivisTransport(exchange, settings.withRetryPolicy(policy), rateLimit, budget, blockingIo);
    }

    /** The rate budget every call draws from before it is sent. */
    public RateBudget rateBudget() {
        return budget;
    }

    /** The rate-limit headers of the latest response that carried them. */
    public RateLimitStatus rateLimit() {
        return rateLimit.get();
    }

    /** The settings this transport uses. */
    public TransportSettings settings() {
        return settings;
    }

    @Override
    public <T> T call(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
        CivisRequestContext context = newContext(operation);
        Observation observation = observation(context).start();
        try (Observation.Scope scope = observation.openScope()) {
            BlockingIoExchange io = blockingIo;
            return retries.blocking(operation, () -> (io != null)
                    ? blockingIoAttempt(operation, arguments, reader, context, io)
                    : blockingAttempt(operation, arguments, reader, context, observation));
        }
        catch (RuntimeException ex) {
            CivisException failure = RetryStage.asCivisException(ex, operation);
            observation.error(failure);
            throw failure;
        }
        catch (Error ex) {
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }

    @Override
    public <T> Mono<T> callReactive(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader) {
        return Mono.defer(() -> {
            CivisRequestContext context = newContext(operation);
            Observation observation = observation(context).start();
            Mono<T> call = retries.reactive(operation,
                    withBudget(operation, withCallTimeout(attempt(operation, arguments, reader, context, observation),
                            operation, arguments)));
            if (observation.isNoop()) {
                return call;
            }
            return call
                    // Stopped before the signal travels on, so that whoever sees the result
                    // also sees the finished observation (and its timer).
                    .doOnSuccess(value -> observation.stop())
                    .doOnError(error -> {
                        observation.error(error);
                        observation.stop();
                    })
                    .doOnCancel(observation::stop);
        });
    }

    /**
     * {@inheritDoc}
     * <p>Reads one page ahead: the next page's request (with its own retries and call timeout)
     * is sent as soon as the current page arrives, so that it travels while the caller works
     * through the current one.
     */
    @Override
    public <T> Stream<T> stream(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
        return Paginator.streamReadingAhead(arguments,
                (pageArguments, number) -> callReactive(operation, pageArguments, Page.reader(number, element))
                        .toFuture(),
                pending -> await(pending, null, operation, arguments));
    }

    @Override
    public <T> Flux<T> flux(OperationDescriptor operation, CallArguments arguments, Function<JsonNode, T> element) {
        return Paginator.flux(arguments,
                (pageArguments, number) -> callReactive(operation, pageArguments, Page.reader(number, element)));
    }

    /**
     * The rate-budget stage: each attempt (a retry too) waits for room in its key's bucket before
     * it is sent; the wait does not count against the call timeout.
     */
    private <T> Mono<T> withBudget(OperationDescriptor operation, Mono<T> attempt) {
        if (!budget.settings().enabled()) {
            return attempt;
        }
        // The key is read once per attempt (a supplier may rotate it) and handed to the attempt.
        return Mono.defer(() -> {
            String key = requests.currentKey();
            return budget.acquire(bucketOf(operation), key, callName(operation)).then(attempt)
                .contextWrite(context -> context.put(KEY_CONTEXT, key));
        });
    }

    private static RateBucket bucketOf(OperationDescriptor operation) {
        return RateBucket.of(operation.method(), operation.route());
    }

    private static String callName(OperationDescriptor operation) {
        return operation.method() + " " + operation.route();
    }

    /**
     * The observation context of a call, or {@code null} when no registry observes: a context
     * holds maps of its own, which a call that nobody observes should not allocate.
     */
    private @Nullable CivisRequestContext newContext(OperationDescriptor operation) {
        return settings.observationRegistry().isNoop() ? null : new CivisRequestContext(operation);
    }

    private Observation observation(@Nullable CivisRequestContext context) {
        if (context == null) {
            return Observation.NOOP;
        }
        return CivisObservationDocumentation.CLIENT_REQUEST.observation(settings.observationConvention(),
                DEFAULT_CONVENTION, () -> context, settings.observationRegistry());
    }

    /** One attempt: a cold {@code Mono} that sends the request again on every subscription. */
    private <T> Mono<T> attempt(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader,
            @Nullable CivisRequestContext context, Observation parent) {
        Mono<T> attempt = Mono.deferContextual(reactorContext -> {
            // read by the rate-budget stage when there is one
            String key = reactorContext.hasKey(KEY_CONTEXT) ? reactorContext.get(KEY_CONTEXT) : requests.currentKey();
            RequestStage.Outgoing request = requests.build(operation, arguments, key);
            if (context != null) {
                context.countAttempt();
                context.setStatus(null);
            }
            String path = request.path();
            return exchange.exchange(request.method(), request.uri(), request.headers(), request.body(),
                    (status, responseHeaders, bytes) -> responses.handle(operation, path, status, responseHeaders,
                            bytes, reader, context, key))
                    .onErrorMap(WireFailures::isWireFailure, failure -> wireFailures.map(failure, operation, path));
        });
        if (parent.isNoop()) {
            return attempt;
        }
        // WebClient reads its parent observation from this context key, so that when its
        // builder observes requests, each attempt nests under the logical call.
        return attempt.contextWrite(reactorContext -> reactorContext.put(OBSERVATION_CONTEXT_KEY, parent));
    }

    /**
     * One attempt of a blocking call. The call timeout bounds the wait of the calling thread
     * itself; unlike Reactor's {@code timeout} operator it needs no scheduled task per call.
     * Running out of time cancels the request.
     */
    private <T> T blockingAttempt(OperationDescriptor operation, CallArguments arguments, ResponseReader<T> reader,
            @Nullable CivisRequestContext context, Observation observation) {
        Mono<T> attempt = attempt(operation, arguments, reader, context, observation);
        if (budget.settings().enabled()) {
            // The rate-budget stage: when the bucket has room this costs no Mono at all.
            String key = requests.currentKey();
            Mono<Void> budgetWait = budget.acquireNow(bucketOf(operation), key, callName(operation));
            if (budgetWait != null) {
                await(budgetWait.toFuture(), null, operation, arguments);
            }
            attempt = attempt.contextWrite(reactorContext -> reactorContext.put(KEY_CONTEXT, key));
        }
        return await(attempt.toFuture(), settings.callTimeout(), operation, arguments);
    }

    /**
     * One attempt of a blocking call with blocking I/O: the same stages (budget, request,
     * response, wire failures) around an exchange that the calling thread performs itself.
     * An interrupt is seen before the request is sent; once it is on the wire, the call ends
     * with its answer or its timeouts, and the thread's interrupt flag stays set.
     */
    private <T> @Nullable T blockingIoAttempt(OperationDescriptor operation, CallArguments arguments,
            ResponseReader<T> reader, @Nullable CivisRequestContext context, BlockingIoExchange io) {
        String key = requests.currentKey();
        if (budget.settings().enabled()) {
            Mono<Void> budgetWait = budget.acquireNow(bucketOf(operation), key, callName(operation));
            if (budgetWait != null) {
                await(budgetWait.toFuture(), null, operation, arguments);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CivisInterruptedException("Interrupted before " + operation.method() + " " + operation.route()
                    + " (" + RequestStage.expandRoute(operation, arguments.pathValues()) + ") was sent; it was not sent",
                    new InterruptedException());
        }
        RequestStage.Outgoing request = requests.build(operation, arguments, key);
        if (context != null) {
            context.countAttempt();
            context.setStatus(null);
        }
        String path = request.path();
        try {
            return io.exchange(request.method(), request.uri(), request.headers(), request.body(),
                    settings.callTimeout(), (status, responseHeaders, bytes) -> responses.handle(operation, path,
                            status, responseHeaders, bytes, reader, context, key));
        }
        catch (IOException | TimeoutException ex) {
            throw wireFailures.map(ex, operation, path);
        }
        catch (RuntimeException ex) {
            if (WireFailures.isWireFailure(ex)) {
                throw wireFailures.map(ex, operation, path);
            }
            throw ex;
        }
    }

    /**
     * Waits on the calling thread for a result and throws what it failed with. Running out of
     * time or being interrupted cancels the request.
     * @param timeout how long to wait, or {@code null} to wait until the result is there (the
     *        request then bounds itself)
     */
    private <T> T await(CompletableFuture<T> result, @Nullable Duration timeout, OperationDescriptor operation,
            CallArguments arguments) {
        try {
            return BlockingWait.await(result, timeout, ex -> new CivisInterruptedException("Interrupted while waiting for "
                    + operation.method() + " " + operation.route() + " ("
                    + RequestStage.expandRoute(operation, arguments.pathValues()) + "); the request was cancelled", ex));
        }
        catch (TimeoutException ex) {
            throw wireFailures.map(ex, operation, RequestStage.expandRoute(operation, arguments.pathValues()));
        }
    }

    /** One reactive attempt, bounded by the call timeout ({@link CallDeadline}). */
    private <T> Mono<T> withCallTimeout(Mono<T> attempt, OperationDescriptor operation, CallArguments arguments) {
        Duration callTimeout = settings.callTimeout();
        if (callTimeout == null) {
            return attempt;
        }
        return CallDeadline.bound(attempt, callTimeout, CallDeadline.WHEEL).onErrorMap(TimeoutException.class,
                failure -> wireFailures.map(failure, operation,
                        RequestStage.expandRoute(operation, arguments.pathValues())));
    }

    @Override
    public String toString() {
        return "DefaultCivisTransport{" + settings + "}";
    }
}
